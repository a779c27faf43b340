package io.wsbench.impl.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.Connection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One upgraded channel as the {@link io.wsbench.core.Hub} sees it. Sends come from any thread (the admin
 * thread broadcasts): {@code Channel.writeAndFlush} is thread-safe, keeps each thread's order and counts a
 * write queued from another thread against the write-buffer water mark, so a slow consumer stays bounded.
 * The closing-handshake state is only touched on the channel's event loop.
 */
final class NettyConnection implements Connection {
    /** A failed connection whose peer has sent nothing for this long is closed (see {@link #fail}). */
    static final Duration QUIET = Duration.ofMillis(250);

    private final Channel channel;
    private final long closeTimeoutNanos;
    /** A close frame went out or the TCP connection is being dropped: later sends stop here, not in the pipeline. */
    private volatile boolean closing;
    /** What the hub is told at the end: the first close code sent or received, 1006 when there was none. */
    private int closeCode = CloseCodes.ABNORMAL;

    /** @param closeTimeout how long a peer has to answer our close frame before the TCP connection is dropped */
    NettyConnection(Channel channel, Duration closeTimeout) {
        this.channel = channel;
        this.closeTimeoutNanos = closeTimeout.toNanos();
    }

    @Override
    public void sendText(String text) {
        if (!closing) {
            // encoded straight into a pooled buffer: no intermediate byte[]
            channel.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)),
                    channel.voidPromise());
        }
    }

    /**
     * Copies now, into a pooled buffer the socket write would need anyway: the hub echoes the inbound frame's
     * own buffer, which Netty recycles as soon as the read returns.
     */
    @Override
    public void sendBinary(ByteBuffer data) {
        if (!closing) {
            ByteBuf copy = channel.alloc().buffer(data.remaining());
            copy.writeBytes(data.duplicate());
            channel.writeAndFlush(new BinaryWebSocketFrame(copy), channel.voidPromise());
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!WebSocketCloseStatus.isValidStatusCode(code) || code < 0) {
            throw new IllegalArgumentException("not a close code an endpoint may send: " + code);
        }
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            startClosingHandshake(code, reason);
        } else {
            try {
                loop.execute(() -> startClosingHandshake(code, reason));
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down and closes the channel itself
            }
        }
    }

    boolean isClosing() {
        return closing;
    }

    int closeCode() {
        return closeCode;
    }

    void ping() {
        if (!closing) {
            channel.writeAndFlush(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER), channel.voidPromise());
        }
    }

    /** Our close frame; the peer's answer (WebSocketFrameHandler) or the close timeout ends the connection. */
    private boolean startClosingHandshake(int code, String reason) {
        if (sendClose(code, reason) == null) {
            return false;
        }
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                () -> channel.close(), closeTimeoutNanos, TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(f -> timeout.cancel(false));
        return true;
    }

    /**
     * RFC 6455 §7.1.7 "fail the connection" with a close frame, then the closing handshake's wait. Closing at once
     * ended the connection over the rest of an oversized message still unread: the reset that follows can
     * overtake the close frame, and nginx, which ends both sides of a tunnel when the upstream closes, reset the
     * client before it had read the code (it saw 1006). So what the peer still sends is read and dropped, and the
     * TCP connection ends when the peer answers or closes, at the close timeout, or once the peer has sent nothing
     * for {@link #QUIET}: after a protocol error Netty's decoder drops every byte, the peer's close frame too.
     */
    void fail(int code, String reason) {
        if (!startClosingHandshake(code, reason)) {
            channel.close();
            return;
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(WebSocketServerInitializer.PONG_WAIT) != null) {
            pipeline.replace(WebSocketServerInitializer.PONG_WAIT, "closeWait",
                    new IdleStateHandler(QUIET.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        }
    }

    /** PONG_WAIT passed: a 1001 for a peer that may still read, but no waiting for an answer from a dead one. */
    void dropSilentPeer() {
        sendClose(CloseCodes.GOING_AWAY, "no frame within PONG_WAIT");
        channel.close();
    }

    /** Slow consumer: no close frame, it would only queue behind the data the peer is not reading. */
    void abort() {
        closing = true;
        channel.close();
    }

    /**
     * The peer's close frame: the answer to ours, or its own closing handshake, echoed (code and reason) the way
     * {@code WebSocketServerHandshaker.close} does, then the server closes the TCP connection (RFC 6455 §7.1.1).
     */
    void closeReceived(CloseWebSocketFrame frame) {
        if (closing) {
            channel.close();
            return;
        }
        closing = true;
        int code = frame.statusCode();
        closeCode = code < 0 ? CloseCodes.NO_STATUS : code;
        channel.writeAndFlush(frame.retain()).addListener(ChannelFutureListener.CLOSE);
    }

    void closed() {
        closing = true;
    }

    private ChannelFuture sendClose(int code, String reason) {
        if (closing || !channel.isActive()) {
            return null;
        }
        closing = true;
        closeCode = code;
        return channel.writeAndFlush(new CloseWebSocketFrame(code, CloseCodes.fitReason(reason)));
    }
}
