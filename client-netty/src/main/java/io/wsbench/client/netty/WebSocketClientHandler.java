package io.wsbench.client.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import java.util.concurrent.CompletableFuture;

/**
 * The end of the pipeline: completes the connect future when the opening handshake is done, hands whole
 * messages to the {@link ClientListener}, answers the server's close frame, and reports the end of the
 * connection once, when the TCP connection is gone. Pings were already answered by Netty's protocol handler.
 */
final class WebSocketClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ClientListener listener;
    private final CompletableFuture<ClientConnection> opened;
    private NettyClientConnection connection; // null until the handshake is done
    private Throwable failure;                // the first error, for the 1006 reason or the failed future

    WebSocketClientHandler(ClientListener listener, CompletableFuture<ClientConnection> opened) {
        this.listener = listener;
        this.opened = opened;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            // the extension handler put the deflate decoder in place before the handshake completed, if the
            // server accepted the offer
            boolean deflate = ctx.pipeline().get(WebSocketExtensionDecoder.class) != null;
            connection = new NettyClientConnection(ctx.channel(), deflate);
            opened.complete(connection);
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            failure = new WebSocketClientHandshakeException(
                    "no handshake response within " + NettyWsClient.CONNECT_TIMEOUT_MILLIS + " ms");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (connection == null) {
            return;
        }
        if (frame instanceof TextWebSocketFrame text) {
            listener.onText(connection, text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            // a view of Netty's buffer, valid during this call only (ClientListener says so)
            listener.onBinary(connection, frame.content().nioBuffer());
        } else if (frame instanceof CloseWebSocketFrame close) {
            connection.closeReceived(close);
        }
    }

    /** A failed handshake, a broken TLS session, a reset: the connection ends (1006, unless a close came first). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (connection == null) {
            opened.completeExceptionally(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection == null) {
            opened.completeExceptionally(failure != null ? failure
                    : new WebSocketClientHandshakeException("connection closed during the opening handshake"));
        } else {
            connection.closed();
            int code = connection.closeCode();
            String reason = connection.closeReason();
            if (code == CloseCodes.ABNORMAL && failure != null) {
                reason = failure.toString();
            }
            listener.onClose(connection, code, reason);
        }
        super.channelInactive(ctx);
    }
}
