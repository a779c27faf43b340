package io.wsbench.client.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The pipeline of one client connection, read top to bottom. The handshake puts Netty's WebSocket decoder and
 * encoder where the HTTP codec was, and the deflate codec, when negotiated, right after the extension handler.
 */
final class WebSocketClientInitializer extends ChannelInitializer<SocketChannel> {
    /** The 101 response has no body; anything larger is not a WebSocket handshake. */
    private static final int MAX_HANDSHAKE_RESPONSE = 8192;
    /** A load client takes whatever the server under test sends: the limits are the server's to enforce. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;
    /** Stateless, so one offer of each kind serves every connection. */
    private static final PermessageDeflateOffer PERMESSAGE_DEFLATE = new PermessageDeflateOffer(MAX_MESSAGE, true);
    private static final PermessageDeflateOffer NO_CONTEXT_TAKEOVER = new PermessageDeflateOffer(MAX_MESSAGE, false);

    private final URI uri;
    private final SslContext tls;
    private final boolean compression;
    private final boolean contextTakeover;
    private final WireCounter wire;
    private final ChannelGroup channels;
    private final ClientListener listener;
    private final CompletableFuture<ClientConnection> opened;

    WebSocketClientInitializer(URI uri, SslContext tls, ClientOptions options, WireCounter wire,
                               ChannelGroup channels, ClientListener listener,
                               CompletableFuture<ClientConnection> opened) {
        this.uri = uri;
        this.tls = tls;
        this.compression = options.compression();
        this.contextTakeover = options.contextTakeover();
        this.wire = wire;
        this.channels = channels;
        this.listener = listener;
        this.opened = opened;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast("wire", wire); // first: it counts what the socket carries
        if (tls != null) {
            p.addLast("tls", tlsHandler(ch));
        }
        p.addLast("http", new HttpClientCodec());
        p.addLast("handshakeResponse", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE));
        // Fragments are joined before they are inflated, as on the server: Netty's DeflateDecoder fails a valid
        // compressed message whose first fragment inflates to nothing.
        p.addLast("messageAggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
        if (compression) {
            p.addLast("permessageDeflate", new WebSocketClientExtensionHandler(
                    contextTakeover ? PERMESSAGE_DEFLATE : NO_CONTEXT_TAKEOVER));
        }
        p.addLast("websocket", new WebSocketClientProtocolHandler(protocolConfig()));
        p.addLast("client", new WebSocketClientHandler(listener, opened));
    }

    /** SNI and hostname verification for the URI's host, as the JDK client does them, and the same time budget. */
    private SslHandler tlsHandler(SocketChannel ch) {
        int port = uri.getPort() != -1 ? uri.getPort() : 443;
        SslHandler handler = tls.newHandler(ch.alloc(), uri.getHost(), port);
        handler.setHandshakeTimeoutMillis(NettyWsClient.CONNECT_TIMEOUT_MILLIS);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        return handler;
    }

    private WebSocketClientProtocolConfig protocolConfig() {
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .allowExtensions(compression)       // RSV1 frames only when deflate may be negotiated
                .maxFramePayloadLength(MAX_MESSAGE)
                .handshakeTimeoutMillis(NettyWsClient.CONNECT_TIMEOUT_MILLIS)
                // Netty would swallow the server's close frame; the listener needs its code, so
                // WebSocketClientHandler answers it
                .handleCloseFrames(false)
                .sendCloseFrame(null)               // channel.close() is a TCP close; close frames are chosen ones
                // the text is decoded into a String anyway, and checking the server's UTF-8 is the conformance
                // suite's job, not the load generator's: no per-byte validation pass
                .withUTF8Validator(false)
                .build();
    }
}
