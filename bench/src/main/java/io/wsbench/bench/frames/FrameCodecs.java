package io.wsbench.bench.frames;

import java.util.List;
import java.util.Optional;

/** The frame codecs by impl name, and why an impl has none. */
public final class FrameCodecs {
    /** The impls with a frame adapter. */
    public static final List<String> LIBRARIES = List.of("java-websocket", "jetty", "netty");

    private FrameCodecs() {
    }

    /** Why {@code impl}'s framing cannot be driven outside a connection; empty when it can. */
    public static Optional<String> notSupported(String impl) {
        if (impl.equals("undertow")) {
            return Optional.of("Undertow frames only inside its channels: the header is built by"
                    + " WebSocket07FrameSinkChannel.createFrameHeader (protected, called by the channel's flush) and"
                    + " parsed by WebSocket07Channel's package-private frame header state machine");
        }
        return LIBRARIES.contains(impl) ? Optional.empty() : Optional.of("no frame adapter for " + impl);
    }

    /** @throws IllegalArgumentException for an impl with no adapter */
    public static FrameCodec open(String impl) {
        return switch (impl) {
            case "java-websocket" -> new JavaWebSocketFrames();
            case "jetty" -> new JettyFrames();
            case "netty" -> new NettyFrames();
            default -> throw new IllegalArgumentException("no frame adapter for '" + impl + "'");
        };
    }
}
