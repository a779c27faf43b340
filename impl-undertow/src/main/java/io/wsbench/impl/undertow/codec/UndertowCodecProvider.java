package io.wsbench.impl.undertow.codec;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.FrameCodec;
import io.wsbench.core.codec.PmdCodec;
import java.util.List;
import java.util.Optional;

/** Undertow's PerMessageDeflateFunction for the deflate-jmh benchmarks; its framing cannot be driven alone. */
public final class UndertowCodecProvider implements CodecProvider {
    private static final String NO_FRAMES = "Undertow frames only inside its channels: the header is built by"
            + " WebSocket07FrameSinkChannel.createFrameHeader (protected, called by the channel's flush) and"
            + " parsed by WebSocket07Channel's package-private frame header state machine";

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public PmdCodec deflate(int level) throws Exception {
        return new UndertowCodec(level);
    }

    @Override
    public List<String> deflateNotes() {
        return List.of("Undertow ends each sent message with SYNC_FLUSH plus one 0x00 byte instead of"
                + " stripping the 4-byte tail (RFC 7692 7.2.1)");
    }

    @Override
    public Optional<String> framesNotSupported() {
        return Optional.of(NO_FRAMES);
    }

    @Override
    public FrameCodec frames() {
        throw new UnsupportedOperationException(NO_FRAMES);
    }
}
