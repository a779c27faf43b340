package io.wsbench.impl.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.MessageAggregationException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the pipeline: whole messages go to the {@link Hub}, and the events of the handlers above
 * (handshake done, peer silent, write buffer full, write timed out, limits and protocol errors) become the
 * connection's life cycle: opened, pinged, closed with the right code, counted as a slow consumer.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);
    /** How ZlibDecoder says maxAllocation (= READ_LIMIT) was reached; other DecompressionExceptions are bad data. */
    private static final String INFLATE_LIMIT = "Decompression buffer has reached maximum size";

    private final ServerConfig config;
    private final Hub hub;
    private NettyConnection connection; // null until the upgrade is done
    private ScheduledFuture<?> pings;
    private boolean slowConsumer;

    WebSocketFrameHandler(ServerConfig config, Hub hub) {
        this.config = config;
        this.hub = hub;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete) {
            opened(ctx);
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (connection == null) {
                ctx.close(); // an HTTP client that went quiet
            } else if (connection.isClosing()) {
                ctx.close(); // a failed connection's peer went quiet (NettyConnection.fail)
            } else {
                LOG.debug("netty: {} sent nothing for PONG_WAIT, dropping it", ctx.channel().remoteAddress());
                connection.dropSilentPeer();
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    private void opened(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(PlainHttpRequestHandler.class);
        connection = new NettyConnection(ctx.channel(), config.pongWait());
        // workaround: server heartbeat | missing | no upstream issue
        if (config.pingsEnabled()) {
            // on the channel's own event loop, on a clock rather than on writer idleness: a client that only
            // receives (broadcasts) must be pinged too
            long period = config.pingPeriod().toNanos();
            pings = ctx.executor().scheduleAtFixedRate(connection::ping, period, period, TimeUnit.NANOSECONDS);
        }
        // end workaround: server heartbeat
        hub.opened(connection);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (connection == null) {
            return;
        }
        if (frame instanceof CloseWebSocketFrame close) {
            connection.closeReceived(close);
        } else if (connection.isClosing()) {
            return; // after a close frame went out, data is discarded (RFC 6455 §1.4)
        } else if (frame.content().readableBytes() > config.readLimit()) {
            // what the wire limit let through (fragments, deflate slack) but is over READ_LIMIT as a message
            connection.fail(CloseCodes.MESSAGE_TOO_BIG, "message over READ_LIMIT");
        // workaround: RSV check | defect | no upstream issue
        } else if (frame.rsv() != 0) {
            // with compression on the decoder must let RSV1 through; what the deflate codec did not consume was
            // never negotiated
            connection.fail(CloseCodes.PROTOCOL_ERROR, "RSV bits set without a negotiated extension");
        // end workaround: RSV check
        } else if (frame instanceof TextWebSocketFrame text) {
            hub.onText(connection, text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            // a view of Netty's buffer, valid during this call only: NettyConnection.sendBinary copies it
            hub.onBinary(connection, frame.content().nioBuffer());
        }
    }

    /** MAX_QUEUED_BYTES: the channel turns unwritable when its unsent bytes pass the high water mark. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (connection != null && !ctx.channel().isWritable()) {
            closeSlowConsumer(ctx, "more than MAX_QUEUED_BYTES unsent");
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection == null) {
            LOG.debug("netty: {} before the upgrade: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if (cause instanceof CorruptedWebSocketFrameException e) {
            // a protocol error (1002), a frame over READ_LIMIT (1009) or bad UTF-8 (1007), found by the decoder
            connection.fail(e.closeStatus().code(), e.closeStatus().reasonText());
        } else if (cause instanceof TooLongFrameException) {
            // WebSocketFrameAggregator: the fragments passed the limit; it sends no close frame of its own
            connection.fail(CloseCodes.MESSAGE_TOO_BIG, "message over READ_LIMIT");
        } else if (cause instanceof DecompressionException) {
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith(INFLATE_LIMIT)) {
                connection.fail(CloseCodes.MESSAGE_TOO_BIG, "message over READ_LIMIT after inflating");
            } else {
                connection.fail(CloseCodes.INVALID_PAYLOAD, "invalid permessage-deflate data");
            }
        } else if (cause instanceof WriteTimeoutException) {
            closeSlowConsumer(ctx, "a write took longer than WRITE_WAIT");
        } else if (cause instanceof IOException || cause.getCause() instanceof SSLException) {
            ctx.close(); // the peer is gone (reset, broken TLS) or a write raced the close: nothing to answer
        } else if (cause instanceof CodecException || cause instanceof MessageAggregationException) {
            connection.fail(CloseCodes.PROTOCOL_ERROR, "invalid frame sequence");
        } else {
            LOG.warn("netty: {} closed after an unexpected error: {}", ctx.channel().remoteAddress(), cause.toString());
            connection.fail(CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }

    private void closeSlowConsumer(ChannelHandlerContext ctx, String why) {
        if (!slowConsumer) {
            slowConsumer = true;
            LOG.info("netty: closing slow consumer {}: {}", ctx.channel().remoteAddress(), why);
            connection.abort();
            hub.slowConsumerClosed(connection);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pings != null) {
            pings.cancel(false);
        }
        if (connection != null) {
            connection.closed();
            hub.closed(connection, connection.closeCode());
        }
        super.channelInactive(ctx);
    }
}
