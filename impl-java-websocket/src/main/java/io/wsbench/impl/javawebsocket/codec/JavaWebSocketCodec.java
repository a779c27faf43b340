package io.wsbench.impl.javawebsocket.codec;

import io.wsbench.core.codec.PmdCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.TextFrame;

/**
 * Java-WebSocket's {@link PerMessageDeflateExtension#encodeFrame} / {@link PerMessageDeflateExtension#decodeFrame} on a
 * {@link TextFrame}, as its server's {@code Draft_6455} calls them. Two library defaults matter: the server always
 * answers {@code server_no_context_takeover}, so {@code encodeFrame} resets its Deflater after every message (the
 * rows measure that, as a connection would), and messages under {@code threshold} (1024 B) are sent uncompressed; the
 * threshold is set to 0 here so every size measures deflate, not a skipped one.
 */
final class JavaWebSocketCodec implements PmdCodec {
    private final PerMessageDeflateExtension encoder;
    private final PerMessageDeflateExtension decoder;

    JavaWebSocketCodec(int level) {
        encoder = new PerMessageDeflateExtension(level);
        encoder.setThreshold(0);
        decoder = new PerMessageDeflateExtension(level);
        decoder.setThreshold(0);
    }

    @Override
    public byte[] encode(byte[] message) {
        TextFrame frame = new TextFrame();
        frame.setPayload(ByteBuffer.wrap(message));
        encoder.encodeFrame(frame);
        return bytes(frame.getPayloadData());
    }

    @Override
    public byte[] decode(byte[] payload) throws Exception {
        TextFrame frame = new TextFrame();
        frame.setRSV1(true);
        frame.setPayload(ByteBuffer.wrap(payload));
        decoder.decodeFrame(frame);
        return bytes(frame.getPayloadData());
    }

    /** The library hands back an array it wrapped with a length; copy exactly the payload. */
    private static byte[] bytes(ByteBuffer payload) {
        return Arrays.copyOfRange(payload.array(), payload.arrayOffset() + payload.position(),
                payload.arrayOffset() + payload.limit());
    }

    @Override
    public void close() {
        // The extension has no close; its Deflater and Inflater are freed by their cleaners.
    }
}
