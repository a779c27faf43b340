package io.wsbench.impl.javawebsocket.codec;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.FrameCodec;
import io.wsbench.core.codec.PmdCodec;
import java.util.List;

/** Java-WebSocket's permessage-deflate extension and Draft_6455 framing for the deflate-jmh benchmarks. */
public final class JavaWebSocketCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public PmdCodec deflate(int level) {
        return new JavaWebSocketCodec(level);
    }

    @Override
    public List<String> deflateNotes() {
        return List.of("Java-WebSocket 1.6.0's server always answers server_no_context_takeover: encodeFrame"
                + " resets its Deflater after each message; its 1024 B compression threshold is set to 0 here");
    }

    @Override
    public FrameCodec frames() {
        return new JavaWebSocketFrames();
    }
}
