package io.wsbench.client.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientConnection;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One open client connection. Frames are encoded on the caller's thread and written on the channel's event
 * loop, where the closing-handshake state lives: a send that lost the race with a close frame is dropped there,
 * instead of failing in Netty's protocol handler, which would turn the failed write into a TCP close.
 */
final class NettyClientConnection implements ClientConnection {
    /** How long the server has to close the TCP connection once close frames went both ways (Netty's default). */
    private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

    private final Channel channel;
    private final boolean compressed;
    /** A close frame was sent or received: later sends stop. Written on the event loop only. */
    private volatile boolean closing;
    // event loop only
    private int receivedCode = CloseCodes.ABNORMAL;
    private String receivedReason = "";
    private ScheduledFuture<?> closeTimeout;

    NettyClientConnection(Channel channel, boolean compressed) {
        this.channel = channel;
        this.compressed = compressed;
    }

    @Override
    public void sendText(String text) {
        if (!closing) {
            // encoded straight into a pooled buffer: no intermediate byte[]
            send(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)));
        }
    }

    /** Copied now: the caller may reuse its buffer (or pass one that is only valid during a listener call). */
    @Override
    public void sendBinary(ByteBuffer data) {
        if (!closing) {
            ByteBuf copy = channel.alloc().buffer(data.remaining());
            copy.writeBytes(data.duplicate());
            send(new BinaryWebSocketFrame(copy));
        }
    }

    @Override
    public void close(int code, String reason) {
        CloseWebSocketFrame frame = new CloseWebSocketFrame(code, CloseCodes.fitReason(reason)); // IllegalArgumentException here
        onEventLoop(frame, this::startClosingHandshake);
    }

    @Override
    public boolean compressed() {
        return compressed;
    }

    private void send(WebSocketFrame frame) {
        onEventLoop(frame, this::write);
    }

    private void write(WebSocketFrame frame) {
        if (closing || !channel.isActive()) {
            frame.release();
        } else {
            channel.writeAndFlush(frame, channel.voidPromise());
        }
    }

    /** Runs at once on the event loop (a listener answering), else queued: one task, as Netty's own write is. */
    private void onEventLoop(WebSocketFrame frame, Consumer<WebSocketFrame> action) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            action.accept(frame);
        } else {
            try {
                loop.execute(() -> action.accept(frame));
            } catch (RejectedExecutionException e) {
                frame.release(); // the client is shutting down and closes the channel itself
            }
        }
    }

    /** Our close frame; the server answers it and closes the TCP connection, or the timeout does. */
    private void startClosingHandshake(WebSocketFrame frame) {
        if (closing || !channel.isActive()) {
            frame.release();
            return;
        }
        closing = true;
        channel.writeAndFlush(frame, channel.voidPromise());
        awaitServerClose();
    }

    /**
     * The server's close frame: its answer to ours, or its own closing handshake, which is answered with the same
     * code (RFC 6455 §5.5.1). Either way the server closes the TCP connection first (§7.1.1), which leaves its
     * TIME_WAIT on the server rather than on the load generator's ports.
     */
    void closeReceived(CloseWebSocketFrame frame) {
        int code = frame.statusCode();
        receivedCode = code < 0 ? CloseCodes.NO_STATUS : code;
        receivedReason = frame.reasonText();
        if (!closing) {
            closing = true;
            channel.writeAndFlush(frame.retain(), channel.voidPromise());
            awaitServerClose();
        }
    }

    private void awaitServerClose() {
        if (closeTimeout == null) {
            Runnable drop = channel::close;
            closeTimeout = channel.eventLoop().schedule(drop, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The TCP connection is gone. */
    void closed() {
        closing = true;
        if (closeTimeout != null) {
            closeTimeout.cancel(false);
        }
    }

    /** The close code received, or 1006 when none came before the TCP connection ended. */
    int closeCode() {
        return receivedCode;
    }

    String closeReason() {
        return receivedReason;
    }
}
