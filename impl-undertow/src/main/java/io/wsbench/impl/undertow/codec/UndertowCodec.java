package io.wsbench.impl.undertow.codec;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.PerMessageDeflateFunction;
import io.wsbench.core.codec.PmdCodec;
import java.nio.ByteBuffer;
import java.util.HashSet;
import org.xnio.ChannelPipe;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Undertow's {@link PerMessageDeflateFunction#transformForWrite} / {@link PerMessageDeflateFunction#transformForRead},
 * the calls its frame channels make per frame, with context takeover both ways (what {@code PerMessageDeflateHandshake}
 * negotiates for a plain offer). Both take the frame channel for its WebSocket channel's buffer pool (and, on read,
 * the frame's RSV bits), so the adapter opens a real {@link WebSocket13Channel} over an in-memory XNIO pipe, never
 * written to, with the pool an Undertow server uses by default (16 KiB direct buffers): the sink is a TEXT frame
 * channel it opened, the source a TEXT frame with RSV1 set. Undertow's write ends the message with a SYNC_FLUSH and
 * then a single 0x00 byte instead of stripping the 4-byte tail; the decode side reads what any client sends.
 */
final class UndertowCodec implements PmdCodec {
    private final XnioWorker worker;
    private final ChannelPipe<StreamConnection, StreamConnection> pipe;
    private final WebSocket13Channel channel;
    private final PerMessageDeflateFunction function;
    private final StreamSinkFrameChannel sink;
    private final StreamSourceFrameChannel source;

    UndertowCodec(int level) throws Exception {
        worker = Xnio.getInstance(UndertowCodec.class.getClassLoader()).createWorker(OptionMap.EMPTY);
        pipe = worker.createFullDuplexPipeConnection();
        ByteBufferPool pool = new DefaultByteBufferPool(true, 16 * 1024);
        function = new PerMessageDeflateFunction(level, true, true);
        channel = new WebSocket13Channel(pipe.getLeftSide(), pool, "ws://localhost/", null, false, true, function,
                new HashSet<>(), OptionMap.EMPTY);
        sink = channel.send(WebSocketFrameType.TEXT);
        source = new CompressedTextFrame(channel);
    }

    @Override
    public byte[] encode(byte[] message) throws Exception {
        return drain(function.transformForWrite(new ImmediatePooledByteBuffer(ByteBuffer.wrap(message)), sink, true));
    }

    @Override
    public byte[] decode(byte[] payload) throws Exception {
        return drain(function.transformForRead(new ImmediatePooledByteBuffer(ByteBuffer.wrap(payload)), source, true));
    }

    private static byte[] drain(PooledByteBuffer pooled) {
        try {
            ByteBuffer buffer = pooled.getBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } finally {
            pooled.close();
        }
    }

    @Override
    public void close() throws Exception {
        function.dispose();
        pipe.getLeftSide().close();
        pipe.getRightSide().close();
        worker.shutdownNow();
    }

    /** A received TEXT frame header with RSV1 ("compressed") set: all transformForRead asks of its channel. */
    private static final class CompressedTextFrame extends StreamSourceFrameChannel {
        CompressedTextFrame(WebSocketChannel channel) {
            super(channel, WebSocketFrameType.TEXT, 4, true, null, 0, null);
        }
    }
}
