package io.wsbench.bench.scenario;

import io.wsbench.bench.load.IdleConnections;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ConnectionRoom;
import io.wsbench.bench.machine.ProcFs;
import io.wsbench.bench.result.Variant;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the capacity and compression scenarios share to measure memory per connection: a server JVM whose heap is
 * pre-touched, the checks that N connections really are open on both sides (and deflated when they should be),
 * and the notes on how N was sized and how fast it opened. The readings themselves are
 * {@link io.wsbench.bench.machine.ServerMemory} before and after.
 */
final class ConnectionMemory {
    /** The heap is touched up front, so RSS grows only by what lives outside it. */
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /** How long the server's connections gauge may lag behind the client's view of its handshakes. */
    private static final Duration GAUGE_PATIENCE = Duration.ofSeconds(10);
    private static final int DEFAULT_EPHEMERAL_PORTS = 60999 - 32768 + 1;

    private ConnectionMemory() {
    }

    /** {@code base} with the heap pre-touched ({@link #PRE_TOUCH}). */
    static TopologyConfig preTouched(TopologyConfig base) {
        List<String> flags = new ArrayList<>(base.jvm().flags());
        flags.add(PRE_TOUCH);
        return base.withJvm(base.jvm().withFlags(flags));
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
