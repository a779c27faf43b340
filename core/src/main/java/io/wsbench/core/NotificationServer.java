package io.wsbench.core;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running notification server: an impl's transport, the {@link Hub}, metrics and admin HTTP. Used by
 * {@link ServerMain}, the conformance suite and the bench alike, so all of them run the same thing.
 */
public final class NotificationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationServer.class);
    /** How long shutdown waits for clients to answer the 1001 close before dropping them. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final TransportProvider provider;
    private final ServerConfig config;
    private final Hub hub;
    private final Transport transport;
    private final AdminServer admin;
    private final BrokerFanOut broker;

    private NotificationServer(TransportProvider provider, ServerConfig config) throws Exception {
        this.provider = provider;
        this.config = config;
        this.hub = new Hub(new ServerMetrics(provider.name(), provider.library()));
        this.broker = config.broker().enabled() ? BrokerFanOut.start(config.broker(), hub) : null;
        try {
            this.transport = provider.start(config, hub);
            try {
                this.admin = new AdminServer(config, hub, provider.name());
            } catch (Exception e) {
                transport.close();
                throw e;
            }
        } catch (Exception e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** Starts the impl named by {@code config.impl()}. */
    public static NotificationServer start(ServerConfig config) throws Exception {
        if (config.impl() == null || config.impl().isBlank()) {
            throw new IllegalArgumentException("no impl chosen: set SERVER_IMPL or --impl to one of "
                    + String.join(", ", Transports.names()));
        }
        return start(Transports.find(config.impl()), config);
    }

    public static NotificationServer start(TransportProvider provider, ServerConfig config) throws Exception {
        return new NotificationServer(provider, config.withImpl(provider.name()));
    }

    public TransportProvider provider() {
        return provider;
    }

    public ServerConfig config() {
        return config;
    }

    public Hub hub() {
        return hub;
    }

    public int port() {
        return transport.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** Sends 1001 to every client, waits briefly for the closing handshakes, then stops everything. */
    @Override
    public void close() throws Exception {
        hub.closeAll(CloseCodes.GOING_AWAY, "server shutdown");
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (hub.connectionCount() > 0) {
            LOG.info("{}: {} connection(s) did not finish the close handshake; dropping them",
                    provider.name(), hub.connectionCount());
        }
        try {
            transport.close();
        } finally {
            admin.close();
            if (broker != null) {
                broker.close();
            }
        }
    }
}
