package io.wsbench.impl.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Sits right above {@link WebSocketServerProtocolHandler} and hands the errors of the handlers above it (decoder,
 * UTF-8 validator, aggregator, deflate) straight to {@link WebSocketFrameHandler}. The protocol handler's own
 * {@code exceptionCaught} passes an error on and then closes the channel at once: the 1009 or 1002 the frame
 * handler had just written went out, but the TCP connection ended over the rest of the peer's message, and
 * through nginx the reset that followed overtook that close frame (the client saw 1006). A handshake error still
 * goes through the protocol handler, which answers it with a 400.
 */
@Sharable
final class PastProtocolHandler extends ChannelInboundHandlerAdapter {
    static final PastProtocolHandler INSTANCE = new PastProtocolHandler();

    private PastProtocolHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ChannelHandlerContext protocol = ctx.pipeline().context(WebSocketServerProtocolHandler.class);
        if (protocol == null || cause instanceof WebSocketHandshakeException) {
            ctx.fireExceptionCaught(cause);
        } else {
            protocol.fireExceptionCaught(cause); // to the handler after it
        }
    }
}
