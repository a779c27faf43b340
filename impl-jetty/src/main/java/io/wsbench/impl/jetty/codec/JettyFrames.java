package io.wsbench.impl.jetty.codec;

import io.wsbench.core.codec.FrameCodec;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.internal.Generator;
import org.eclipse.jetty.websocket.core.internal.Parser;

/**
 * Jetty 12's {@link Generator} and {@link Parser} (public classes in {@code websocket.core.internal}), as its
 * connection uses them: the generator writes the header into a buffer and the payload follows it (Jetty gathers the
 * two in one write; here both land in one array), the parser turns a masked frame into a {@link Frame.Parsed} whose
 * payload is unmasked in place, released when done.
 */
final class JettyFrames implements FrameCodec {
    private final Generator generator = new Generator();
    private final Parser parser = new Parser(new ArrayByteBufferPool());
    /** In Jetty's flush mode (BufferUtil): the generator appends to what lies between position and limit. */
    private final ByteBuffer header = BufferUtil.allocate(Generator.MAX_HEADER_LENGTH);

    @Override
    public byte[] encode(byte[] message) {
        Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(message));
        BufferUtil.clear(header);
        generator.generateHeader(frame, header);
        byte[] out = new byte[header.remaining() + message.length];
        int h = header.remaining();
        header.get(out, 0, h);
        frame.getPayload().get(out, h, message.length);
        return out;
    }

    @Override
    public byte[] decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Frame.Parsed frame = parser.parse(in);
        if (frame == null) {
            throw new IllegalStateException("Jetty's parser produced no frame");
        }
        try {
            return BufferUtil.toArray(frame.getPayload());
        } finally {
            frame.close();
        }
    }

    @Override
    public void close() {
    }
}
