package io.wsbench.client.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.wsbench.core.client.WireBytes;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes every channel of one client reads from and writes to its socket. It sits at the head of each
 * pipeline, below TLS, the HTTP codec, the WebSocket framing and deflate, so what it sees is what the socket
 * carries (TCP payload). A write is counted when it is handed to the socket, not when the kernel takes it; the
 * difference is whatever is still queued when a reading is taken.
 */
@ChannelHandler.Sharable
final class WireCounter extends ChannelDuplexHandler {
    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        read.add(bytes(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        written.add(bytes(msg));
        ctx.write(msg, promise);
    }

    WireBytes total() {
        return new WireBytes(read.sum(), written.sum());
    }

    private static long bytes(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }
}
