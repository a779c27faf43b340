package io.wsbench.core;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts across replicas through a NATS server ({@code BROKER_URL}, {@code BROKER_SUBJECT}): the design
 * notes' answer to {@code docker compose up --scale}, where a broadcast otherwise reaches only the clients of
 * the replica that got it.
 *
 * <p>A notification is published once; every replica subscribed to the subject hands what it receives to its
 * own clients. The publishing replica hands it to its own clients directly and the connection is
 * {@code noEcho}, so the server never sends it back: each client gets it exactly once, and a replica's own
 * clients keep getting its broadcasts when the broker is down. While it is down a notification is not
 * published (the reconnect buffer is off, so nothing is held back to arrive late or to vanish with the JVM):
 * it is counted in {@code wsbench_broker_unpublished_total} and reported as {@code "published":false}. The
 * client reconnects by itself, with exponential backoff, also when the broker was not up at start.
 *
 * <p>What NATS core does not promise, this does not either: a message written to a socket that then breaks is
 * lost (at-most-once); JetStream would be the next step if that matters.
 */
public final class BrokerFanOut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerFanOut.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final BrokerSettings settings;
    private final Hub hub;
    private final Options options;
    private final Thread connector;
    private volatile Connection connection;
    private volatile boolean closed;
    /** jnats reports DISCONNECTED after every failed reconnect attempt; we log the first. */
    private final AtomicBoolean wasUp = new AtomicBoolean();

    private final Gauge up;
    private final Counter published;
    private final Counter received;
    private final Counter unpublished;
    private final Counter reconnects;

    private BrokerFanOut(BrokerSettings settings, Hub hub) {
        this.settings = settings;
        this.hub = hub;
        var registry = hub.metrics().registry();
        up = Gauge.builder().name("wsbench_broker_up")
                .help("1 while the connection to the broker (BROKER_URL) is up, else 0").register(registry);
        published = Counter.builder().name("wsbench_broker_published_total")
                .help("Notifications published to the broker for the other replicas").register(registry);
        received = Counter.builder().name("wsbench_broker_received_total")
                .help("Notifications received from the broker and handed to this replica's clients")
                .register(registry);
        unpublished = Counter.builder().name("wsbench_broker_unpublished_total")
                .help("Notifications that could not be published (broker down): only this replica's clients got them")
                .register(registry);
        reconnects = Counter.builder().name("wsbench_broker_reconnects_total")
                .help("Times the connection to the broker came back after it was lost").register(registry);
        options = new Options.Builder()
                .server(settings.url())
                .connectionName("wsbench-" + ReplicaId.current())
                .noEcho()
                .maxReconnects(-1)
                .reconnectDelayHandler(BrokerFanOut::backoff)
                .reconnectBufferSize(0)
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener(this::onEvent)
                .errorListener(new QuietErrors())
                .build();
        connector = new Thread(this::connectUntilUp, "wsbench-broker-connect");
        connector.setDaemon(true);
    }

    /**
     * Connects to the broker in the background (the server starts and serves its own clients without it) and
     * has {@code hub} publish through it.
     */
    public static BrokerFanOut start(BrokerSettings settings, Hub hub) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no BROKER_URL set");
        }
        BrokerFanOut broker = new BrokerFanOut(settings, hub);
        hub.publishThrough(broker);
        broker.connector.start();
        return broker;
    }

    public BrokerSettings settings() {
        return settings;
    }

    public boolean isUp() {
        Connection c = connection;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    /** Publishes {@code text} once for the other replicas, unless the broker is down (then it is counted). */
    Delivery.Publication publish(String text) {
        Connection c = connection;
        if (c != null && c.getStatus() == Connection.Status.CONNECTED) {
            try {
                c.publish(settings.subject(), text.getBytes(StandardCharsets.UTF_8));
                published.inc();
                return Delivery.Publication.PUBLISHED;
            } catch (IllegalStateException | IllegalArgumentException e) {
                // lost the connection since the check (no reconnect buffer), or larger than the server's max_payload
                LOG.warn("broker: not published ({}); delivered on this replica only", e.getMessage());
            }
        }
        unpublished.inc();
        return Delivery.Publication.NOT_PUBLISHED;
    }

    /** The {@code "broker"} member of {@code /health}. */
    String healthJson() {
        return "{\"status\":\"" + (isUp() ? "UP" : "DOWN") + "\",\"url\":\"" + json(settings.url())
                + "\",\"subject\":\"" + json(settings.subject()) + "\"}";
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        up.set(0);
    }

    /** 100 ms, 200 ms, 400 ms … up to 5 s, each with up to 20 % jitter so replicas do not reconnect in step. */
    static Duration backoff(long attempt) {
        long base = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt, 16));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 5 + 1));
    }

    /**
     * Until the first connection: jnats retries a lost connection by itself, but a first connect that fails is
     * an exception, and the broker may well start after the servers (Compose, a broker restart).
     */
    private void connectUntilUp() {
        long attempt = 0;
        while (!closed) {
            try {
                Connection c = Nats.connect(options);
                Dispatcher dispatcher = c.createDispatcher(msg -> {
                    received.inc();
                    hub.broadcast(new String(msg.getData(), StandardCharsets.UTF_8));
                });
                dispatcher.subscribe(settings.subject());
                connection = c;
                if (closed) {
                    c.close();
                }
                return;
            } catch (IOException e) {
                if (attempt == 0) {
                    LOG.warn("broker: {} not reachable ({}); broadcasts stay on this replica, retrying",
                            settings.url(), e.getMessage());
                }
                try {
                    Thread.sleep(backoff(attempt++).toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    private void onEvent(Connection c, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> {
                up.set(1);
                wasUp.set(true);
                LOG.info("broker: connected to {}, subject {}", c.getConnectedUrl(), settings.subject());
            }
            case RECONNECTED -> {
                up.set(1);
                wasUp.set(true);
                reconnects.inc();
                LOG.info("broker: reconnected to {}; broadcasts reach every replica again", c.getConnectedUrl());
            }
            case DISCONNECTED -> {
                up.set(0);
                if (wasUp.getAndSet(false) && !closed) {
                    LOG.warn("broker: lost {}; broadcasts stay on this replica until it is back", settings.url());
                }
            }
            case CLOSED -> up.set(0);
            default -> {
                // RESUBSCRIBED, DISCOVERED_SERVERS, LAME_DUCK: nothing this replica acts on
            }
        }
    }

    private static String json(String s) {
        return s.replaceAll("[\"\\\\\\p{Cntrl}]", "");
    }

    /** jnats' default listener prints every failed reconnect; the connection events above say what matters. */
    private static final class QuietErrors implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.debug("broker: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("broker: {}", exp.toString());
        }
    }
}
