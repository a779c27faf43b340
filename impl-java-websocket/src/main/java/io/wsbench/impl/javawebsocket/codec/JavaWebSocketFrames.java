package io.wsbench.impl.javawebsocket.codec;

import io.wsbench.core.codec.FrameCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;

/**
 * Java-WebSocket's {@link Draft_6455} in server mode: {@code createBinaryFrame} writes a {@link TextFrame} unmasked,
 * {@code translateFrame} parses (and unmasks) a client's frame, as its {@code WebSocketImpl} calls them.
 */
final class JavaWebSocketFrames implements FrameCodec {
    private final Draft_6455 draft = new Draft_6455();

    JavaWebSocketFrames() {
        draft.setParseMode(Role.SERVER);
    }

    @Override
    public byte[] encode(byte[] message) {
        TextFrame frame = new TextFrame();
        frame.setPayload(ByteBuffer.wrap(message));
        ByteBuffer out = draft.createBinaryFrame(frame);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Override
    public byte[] decode(byte[] bytes) throws Exception {
        List<Framedata> frames = draft.translateFrame(ByteBuffer.wrap(bytes));
        if (frames.size() != 1) {
            throw new IllegalStateException("Java-WebSocket parsed " + frames.size() + " frames from one");
        }
        ByteBuffer payload = frames.get(0).getPayloadData();
        return Arrays.copyOfRange(payload.array(), payload.arrayOffset() + payload.position(),
                payload.arrayOffset() + payload.limit());
    }

    @Override
    public void close() {
    }
}
