package io.wsbench.impl.undertow;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.PemKeys;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import java.net.InetSocketAddress;
import org.xnio.Options;

/**
 * The Undertow bootstrap. The handler chain reads as what the server does: the exact WebSocket path goes to the
 * handshake handler (upgrade, optional permessage-deflate), a plain GET there gets 426, every other path 404.
 * Everything else is Undertow's default builder: its own XNIO worker, max(cores, 2) IO threads, direct 16 KiB
 * buffers. Its NO_REQUEST_TIMEOUT (60 s) only applies to HTTP connections waiting for a request; an upgraded
 * connection is not subject to it, and no idle timeout is set on the WebSocket channel.
 */
final class UndertowServer implements Transport {
    private final Undertow undertow;
    private final Heartbeat heartbeat;
    private final int port;

    private UndertowServer(Undertow undertow, Heartbeat heartbeat) {
        this.undertow = undertow;
        this.heartbeat = heartbeat;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    static UndertowServer start(ServerConfig config, Hub hub) {
        // Undertow has no server ping nor dead-peer detection of its own (only setIdleTimeout, which counts
        // our own outgoing pings as activity), so core's Heartbeat pings and watches every connection.
        // workaround: server heartbeat | missing | no upstream issue
        Heartbeat heartbeat = Heartbeat.of(config);
        // end workaround: server heartbeat
        try {
            HttpHandler routes = Handlers.path(ResponseCodeHandler.HANDLE_404) // every other path
                    .addExactPath(config.path(), upgradeHandler(config, hub, heartbeat));
            Undertow.Builder builder = Undertow.builder().setHandler(routes)
                    .setSocketOption(Options.BACKLOG, ServerConfig.ACCEPT_BACKLOG);
            if (config.tls()) {
                builder.addHttpsListener(config.port(), config.host(),
                        PemKeys.sslContext(config.tlsCert(), config.tlsKey()));
            } else {
                builder.addHttpListener(config.port(), config.host());
            }
            Undertow undertow = builder.build();
            undertow.start();
            return new UndertowServer(undertow, heartbeat);
        } catch (Exception e) {
            heartbeat.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("undertow: " + e.getMessage(), e);
        }
    }

    private static HttpHandler upgradeHandler(ServerConfig config, Hub hub, Heartbeat heartbeat) {
        WebSocketEndpoint endpoint = new WebSocketEndpoint(config, hub, heartbeat);
        if (!config.compression()) {
            // Undertow offers no extension unless one is added, so "off" never negotiates permessage-deflate.
            return new WebSocketProtocolHandshakeHandler(endpoint, UndertowServer::upgradeRequired);
        }
        return new FreshDeflateHandshake(endpoint, config.compressionLevel(), UndertowServer::upgradeRequired);
    }

    /** A GET at the WebSocket path without a valid upgrade (RFC 6455 §4.2.2: 426 and the version we speak). */
    private static void upgradeRequired(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.UPGRADE_REQUIRED);
        exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
        exchange.getResponseHeaders().put(Headers.SEC_WEB_SOCKET_VERSION, "13");
        exchange.endExchange();
    }

    @Override
    public int port() {
        return port;
    }

    /** Stops the listener and the internal XNIO worker (which closes every open channel), then the pinger. */
    @Override
    public void close() {
        try {
            undertow.stop();
        } finally {
            heartbeat.close();
        }
    }

    // workaround: fresh deflate handshake | defect | no upstream issue
    /**
     * permessage-deflate at the configured level. A new {@link PerMessageDeflateHandshake} per upgrade request:
     * in 2.3.26 its {@code accept()} stores a client's {@code server_no_context_takeover} in the shared
     * handshake object, so once one client asked for it every later connection would silently compress
     * without context takeover. One handshake per request keeps each connection's negotiation its own; the
     * cost is a few objects per upgrade (one small peer set stays with the channel), next to the ~300 KB zlib
     * stream pair every compressed connection holds anyway.
     */
    private static final class FreshDeflateHandshake implements HttpHandler {
        private final WebSocketEndpoint endpoint;
        private final int level;
        private final HttpHandler next;

        FreshDeflateHandshake(WebSocketEndpoint endpoint, int level, HttpHandler next) {
            this.endpoint = endpoint;
            this.level = level;
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            new WebSocketProtocolHandshakeHandler(endpoint, next)
                    .addExtension(new PerMessageDeflateHandshake(false, level))
                    .handleRequest(exchange);
        }
    }
    // end workaround: fresh deflate handshake
}
