package io.wsbench.bench.frames;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.Codecs;
import io.wsbench.core.codec.FrameCodec;
import java.util.List;
import java.util.Optional;

/** The frame codecs by impl name, from each stack's {@link CodecProvider}, and why an impl has none. */
public final class FrameCodecs {
    /** The impls with a frame codec. */
    public static final List<String> LIBRARIES = Codecs.all().stream()
            .filter(p -> p.framesNotSupported().isEmpty()).map(CodecProvider::name).toList();

    private FrameCodecs() {
    }

    /** Why {@code impl}'s framing cannot be driven outside a connection; empty when it can. */
    public static Optional<String> notSupported(String impl) {
        return Codecs.find(impl).map(CodecProvider::framesNotSupported)
                .orElseGet(() -> Optional.of("no frame adapter for " + impl));
    }

    /** @throws IllegalArgumentException for an impl with no codec */
    public static FrameCodec open(String impl) {
        return Codecs.find(impl).orElseThrow(() -> new IllegalArgumentException("no frame adapter for '" + impl + "'"))
                .frames();
    }
}
