package io.wsbench.impl.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

// workaround: protocol-handler override | defect | no upstream issue
/**
 * Netty's protocol handler, except that an error of the handlers above it (decoder, UTF-8 validator, aggregator,
 * deflate) is only passed on to {@link WebSocketFrameHandler}, which fails the connection with its close code.
 * Netty's own {@code exceptionCaught} also closes the channel at once: the 1009 or 1002 just written went out, but
 * the TCP connection ended over the rest of the peer's message, and through nginx the reset that followed
 * overtook that close frame (the client saw 1006). A handshake error is still answered with Netty's 400.
 */
final class ProtocolHandler extends WebSocketServerProtocolHandler {
    ProtocolHandler(WebSocketServerProtocolConfig config) {
        super(config);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof WebSocketHandshakeException) {
            super.exceptionCaught(ctx, cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
// end workaround: protocol-handler override
