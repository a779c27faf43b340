package io.wsbench.impl.jetty;

import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.PemKeys;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty server: one connector (plain or TLS), the WebSocket container with the SPEC §3 limits, and the
 * handler that upgrades at {@code WS_PATH}. Jetty's defaults everywhere else (thread pool size, selectors,
 * acceptors, buffer sizes).
 */
final class JettyTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);
    private static final String PERMESSAGE_DEFLATE = "permessage-deflate";

    private final Server server;
    private final ServerConnector connector;
    private final Heartbeat heartbeat;

    private JettyTransport(Server server, ServerConnector connector, Heartbeat heartbeat) {
        this.server = server;
        this.connector = connector;
        this.heartbeat = heartbeat;
    }

    static JettyTransport start(ServerConfig config, Hub hub) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty-ws");
        Server server = new Server(threads);
        ServerConnector connector = connector(server, config);
        server.addConnector(connector);
        ServerWebSocketContainer container = webSocketContainer(server, threads, config);
        Heartbeat heartbeat = Heartbeat.of(config);
        server.setHandler(new UpgradeAtPath(config.path(), container,
                (request, response, callback) -> new NotificationEndpoint(hub, heartbeat, config)));
        try {
            server.start();
        } catch (Exception e) {
            heartbeat.close();
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        LOG.info("jetty: Jetty {} listening on {}://{}:{}{} (compression {})", Jetty.VERSION,
                config.tls() ? "wss" : "ws", config.host(), connector.getLocalPort(), config.path(),
                config.compression() ? "on, level " + config.compressionLevel() : "off");
        return new JettyTransport(server, connector, heartbeat);
    }

    private static ServerWebSocketContainer webSocketContainer(Server server, QueuedThreadPool threads,
            ServerConfig config) {
        if (config.compression()) {
            // PerMessageDeflateExtension takes its Deflaters from the server's DeflaterPool bean (found by
            // WebSocketServerComponents when the container is created below), so the level is set here; the
            // capacity is what Jetty's own DeflaterPool.ensurePool would pick.
            server.addBean(new DeflaterPool(threads.getMaxThreads(), config.compressionLevel(), true));
        }
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        if (!config.compression()) {
            // Jetty registers permessage-deflate by default and accepts every client offer; unregistering it from
            // this server's extension registry is how it is never negotiated.
            WebSocketServerComponents.getWebSocketComponents(server).getExtensionRegistry()
                    .unregister(PERMESSAGE_DEFLATE);
        }
        // READ_LIMIT on the whole message, counted after reassembly and after inflation. With autoFragment a
        // bigger frame is cut into READ_LIMIT pieces instead of failing, so the message limit (1009) decides.
        container.setMaxTextMessageSize(config.readLimit());
        container.setMaxBinaryMessageSize(config.readLimit());
        container.setMaxFrameSize(config.readLimit());
        container.setAutoFragment(true);
        // No Jetty idle timeout: our pings are writes, which reset it, so it cannot detect a dead peer, and a
        // second timer would fight PONG_WAIT. The Heartbeat closes dead peers; write timeouts catch stuck sends.
        // workaround: server heartbeat | missing | no upstream issue
        container.setIdleTimeout(Duration.ZERO);
        // end workaround: server heartbeat
        return container;
    }

    private static ServerConnector connector(Server server, ServerConfig config) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector connector;
        if (config.tls()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(PemKeys.keyStore(config.tlsCert(), config.tlsKey()));
            tls.setKeyStorePassword(new String(PemKeys.PASSWORD));
            // Marks requests secure (wss); no SNI host check, since clients and Nginx connect by IP address.
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ServerConfig.ACCEPT_BACKLOG); // default 0: the JDK's backlog of 50
        return connector;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            heartbeat.close();
        }
    }
}
