package io.wsbench.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.wsbench.core.CloseCodes;
import java.util.concurrent.CompletableFuture;

/**
 * One misbehaving peer's handler, after Netty's websocketx client example: it runs the opening handshake
 * itself, then behaves as told. There is deliberately no {@code WebSocketClientProtocolHandler} in the pipeline:
 * that one answers pings on its own, which is exactly what a dead peer must not do.
 */
final class PeerHandler extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker handshaker;
    private final MisbehavingPeers.Behaviour behaviour;
    private final MisbehavingPeer peer;
    private final CompletableFuture<MisbehavingPeer> opened;

    PeerHandler(WebSocketClientHandshaker handshaker, MisbehavingPeers.Behaviour behaviour, MisbehavingPeer peer,
                CompletableFuture<MisbehavingPeer> opened) {
        this.handshaker = handshaker;
        this.behaviour = behaviour;
        this.peer = peer;
        this.opened = opened;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete()) {
            handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
            peer.opened(ctx.channel(), System.nanoTime());
            if (behaviour == MisbehavingPeers.Behaviour.STOPS_READING) {
                // From here on the socket is never read: the receive window fills and the server's sends stall.
                ctx.channel().config().setAutoRead(false);
            }
            opened.complete(peer);
            return;
        }
        if (msg instanceof PingWebSocketFrame ping) {
            peer.pinged();
            if (behaviour == MisbehavingPeers.Behaviour.ANSWERS_PINGS) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
        } else if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode(); // -1: a close frame without a code, RFC 6455's 1005
            peer.closeFrame(code < 0 ? CloseCodes.NO_STATUS : code, System.nanoTime());
            ctx.close();
        }
        // data frames (a /notify broadcast) are read and dropped
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        peer.ended(System.nanoTime());
        if (!opened.isDone()) {
            opened.completeExceptionally(new IllegalStateException("closed during the opening handshake"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!opened.isDone()) {
            opened.completeExceptionally(cause);
        }
        // a reset from a server that gave up on us is how some connections end: the close is what we measure
        ctx.close();
    }
}
