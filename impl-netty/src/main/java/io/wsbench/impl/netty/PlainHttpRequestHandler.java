package io.wsbench.impl.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Answers the HTTP requests that are not a WebSocket upgrade at {@code WS_PATH} (SPEC §3.1), like the index
 * page handler of Netty's example: another path is a 404, a plain request at the path a 400. Upgrades pass on
 * to {@code WebSocketServerProtocolHandler}; {@link WebSocketFrameHandler} removes this handler once the
 * handshake is done.
 */
final class PlainHttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final String path;

    PlainHttpRequestHandler(String path) {
        this.path = path;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
        } else if (!new QueryStringDecoder(req.uri()).path().equals(path)) {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "not found");
        } else if (!req.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade at " + path);
        } else {
            ctx.fireChannelRead(req.retain());
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ByteBufUtil.writeUtf8(ctx.alloc(), text + "\n"));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        HttpUtil.setContentLength(res, res.content().readableBytes());
        HttpUtil.setKeepAlive(res, false);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
}
