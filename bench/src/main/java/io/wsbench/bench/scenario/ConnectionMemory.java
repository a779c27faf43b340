package io.wsbench.bench.scenario;

import io.wsbench.bench.load.IdleConnections;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ConnectionRoom;
import io.wsbench.bench.machine.ProcFs;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the capacity and compression scenarios share to measure memory per connection: a server JVM started as a
 * user starts one, the busy exchange, the checks that N connections really are open on both sides (and deflated when they should be),
 * and the notes on how N was sized and how fast it opened. The readings themselves are
 * {@link MemoryPerConnection}.
 */
final class ConnectionMemory {
    /** A user's initial heap: small, so G1 grows it as the connections need (what the footprint is about). */
    static final String USER_INITIAL_HEAP = "-Xms64m";
    /** "A few messages" per connection of a busy set: enough for buffers and deflate windows to fill. */
    static final int BUSY_EXCHANGES = 3;
    /**
     * How long every echo of one busy round may take: a connection's first deflated message makes Netty and Jetty
     * allocate its zlib state (about 300 KiB on each side), and 10,000 of those on one shared core took more than
     * 30 s when the machine's load average was 20.
     */
    private static final Duration ECHO_PATIENCE = Duration.ofSeconds(120);
    /** How long the server's connections gauge may lag behind the client's view of its handshakes. */
    private static final Duration GAUGE_PATIENCE = Duration.ofSeconds(10);
    private static final int DEFAULT_EPHEMERAL_PORTS = 60999 - 32768 + 1;

    private ConnectionMemory() {
    }

    /**
     * {@code base} started as a user would: the bench's -Xms (equal to -Xmx, for steady speed figures) replaced by
     * {@link #USER_INITIAL_HEAP}, no pre-touch; -Xmx and the collector stay as every scenario has them.
     */
    static TopologyConfig userStarted(TopologyConfig base) {
        List<String> flags = new ArrayList<>();
        flags.add(USER_INITIAL_HEAP);
        base.jvm().flags().stream().filter(f -> !f.startsWith("-Xms") && !f.equals("-XX:+AlwaysPreTouch"))
                .forEach(flags::add);
        return base.withJvm(base.jvm().withFlags(flags));
    }

    /** Each connection sends {@link #BUSY_EXCHANGES} messages, one after another's echo came back everywhere. */
    static void makeBusy(IdleConnections idle, List<String> messages) throws IOException, InterruptedException {
        for (int i = 0; i < BUSY_EXCHANGES; i++) {
            idle.exchangeOne(messages.subList(i, messages.size()), ECHO_PATIENCE);
        }
    }

    /**
     * A fresh JVM interprets and has loaded none of the handshake's classes: open a few hundred connections with
     * {@code options}, let each exchange {@link #BUSY_EXCHANGES} messages and drop them, so the classes loaded and
     * code compiled for the first connections and messages do not count as memory of the measured ones, and wait
     * until the server has let go of every one.
     */
    static void warmUp(ClientProvider netty, ClientOptions options, URI uri, int count, ServerReplica server,
                       List<String> messages) throws Exception {
        try (WsClient client = netty.create(options)) {
            IdleConnections warm = IdleConnections.open(client, uri, count, 0,
                    SourceAddresses.forConnections(count, ephemeralPorts()));
            if (warm.opened() == 0) {
                throw new IOException("warm-up: no connection opened: " + warm.firstFailure());
            }
            makeBusy(warm, messages);
        }
        awaitGauge(server, 0, "after the warm-up connections were dropped");
    }

    /** The machine's ephemeral port range, Linux's default when /proc does not say. */
    static int ephemeralPorts() {
        return ProcFs.ephemeralPortCount().orElse(DEFAULT_EPHEMERAL_PORTS);
    }

    /**
     * Every connection that opened is still open, deflated exactly when {@code compression} says, and the
     * server counts as many.
     */
    static void check(IdleConnections idle, ServerReplica server, boolean compression) throws Exception {
        if (idle.opened() == 0) {
            throw new IOException("no connection opened: " + idle.firstFailure());
        }
        if (idle.closedSinceOpen() > 0) {
            throw new IOException(idle.closedSinceOpen() + " of " + idle.opened() + " idle connections closed"
                    + " (first: " + idle.firstClose() + ")");
        }
        int deflated = idle.compressed();
        if (compression && deflated != idle.opened()) {
            throw new IOException("permessage-deflate negotiated on only " + deflated + " of " + idle.opened()
                    + " connections although the server runs with COMPRESSION=on");
        }
        if (!compression && deflated != 0) {
            throw new IOException("permessage-deflate negotiated on " + deflated + " connections although it was"
                    + " neither offered nor enabled");
        }
        awaitGauge(server, idle.opened(), "with every connection open");
    }

    /** The server's {@code wsbench_connections_active} must come to {@code expected}. */
    static void awaitGauge(ServerReplica server, int expected, String when) throws Exception {
        long deadline = System.nanoTime() + GAUGE_PATIENCE.toNanos();
        int active = server.connectionsActive();
        while (active != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            active = server.connectionsActive();
        }
        if (active != expected) {
            throw new IOException("the server counts " + active + " open connections " + when + ", not "
                    + expected);
        }
    }

    /** Says whether the profile's {@code planned} N fitted the open-file limits or was cut to {@code n}. */
    static void noteSize(ScenarioRun run, Variant variant, int planned, int n, ConnectionRoom room) {
        if (n < planned) {
            run.note(variant, String.format("N is %,d instead of the profile's %,d to fit the %s; the launcher"
                    + " (mvn) raises the soft limit to the hard one, and a higher hard limit needs root (limits.conf,"
                    + " systemd's LimitNOFILE)", n, planned, room.describe()));
        } else {
            run.note(variant, String.format("N = %,d fits the %s", n, room.describe()));
        }
    }

    /** Failures, an opening slower than the set {@code perSecond} (0: as fast as it goes), the source addresses. */
    static void noteOpening(ScenarioRun run, Variant variant, int perSecond, IdleConnections idle,
                            SourceAddresses sources) {
        if (idle.failed() > 0) {
            run.note(variant, "some connections failed to open; the first reason: " + idle.firstFailure());
        }
        if (perSecond > 0 && idle.openedPerSecond() < 0.9 * perSecond) {
            run.note(variant, "opened slower than the set " + perSecond + "/s in at least one repetition"
                    + " (see opened/s): the server, or the shared machine, took them no faster, so connect times"
                    + " include waiting behind up to " + IdleConnections.MAX_PENDING + " outstanding handshakes");
        }
        if (sources.addresses().size() > 1) {
            run.note(variant, "source addresses " + sources.describe() + ", at most " + sources.perAddress()
                    + " connections each");
        }
    }
}
