package io.wsbench.bench.scenario;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Reasons;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.IdleConnections;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ConnectionRoom;
import io.wsbench.bench.machine.ServerMemory;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.Feature;
import io.wsbench.core.Transports;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Capacity and memory per connection (SPEC §4 "capacity"): N idle connections opened at a set rate straight to
 * one server JVM, and what each costs it: the heap after a forced full GC and the RSS, both over a baseline
 * taken the same way with no connection open, divided by the connections opened. Without and with
 * permessage-deflate negotiated. Each repetition of each variant is a fresh server JVM.
 */
public final class CapacityScenario implements Scenario {
    /** Always this load client: it binds loopback source addresses and offers permessage-deflate. */
    static final String LOAD_CLIENT = "netty";

    private static final String ROUTE = "route";
    private static final String COMPRESSION = "compression";

    public static final Metric HEAP_PER_CONN = Metric.lower("heap_per_conn_bytes", "heap/conn", "bytes");
    public static final Metric RSS_PER_CONN = Metric.lower("rss_per_conn_bytes", "RSS/conn", "bytes");
    private static final Metric TARGET = Metric.context("n", "N", "conns");
    private static final Metric OPENED = Metric.context("opened", "opened", "conns");
    private static final Metric FAILED = Metric.lower("failed", "failures", "conns");
    private static final Metric CONNECT_P50 = Metric.lower("connect_p50_ms", "connect p50", "ms");
    private static final Metric CONNECT_P99 = Metric.lower("connect_p99_ms", "connect p99", "ms");
    private static final Metric OPEN_TIME = Metric.context("open_s", "open all", "s");
    private static final Metric OPEN_RATE = Metric.context("opened_per_s", "opened/s", "conns/s");
    private static final Metric HEAP_AFTER = Metric.context("heap_after_mib", "heap at N", "MiB");
    private static final Metric RSS_AFTER = Metric.context("rss_after_mib", "RSS at N", "MiB");

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public String description() {
        return "N idle connections opened at a set rate straight to one server JVM (fresh for every repetition,"
                + " warmed up by opening and dropping 500 connections first in quick), by the Netty load client"
                + " spread over loopback source addresses 127.0.0.2 and up; then memory per connection: heap in use"
                + " after a full GC forced with jcmd, and RSS, each minus the same reading at zero connections, over"
                + " the connections opened; without and with permessage-deflate negotiated (checked on every"
                + " connection). The heap is pre-touched (-XX:+AlwaysPreTouch), so RSS/conn is what a connection"
                + " costs outside the Java heap (direct buffers, zlib state, code the JIT compiled meanwhile) and"
                + " heap/conn + RSS/conn is its whole cost. N is capped to fit the open-file limits of the server and"
                + " the load generator (the notes say how); nginx is left out because it would only halve that cap."
                + " It lies when the baseline is not steady (hence the warm-up and the forced GCs), and it says"
                + " nothing about busy connections, whose buffers and deflate windows fill only once messages flow.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(HEAP_PER_CONN, RSS_PER_CONN, TARGET, OPENED, FAILED, CONNECT_P50, CONNECT_P99, OPEN_TIME,
                OPEN_RATE, HEAP_AFTER, RSS_AFTER);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return List.of(variant(false), variant(true));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("heap-per-connection", HEAP_PER_CONN.key(), COMPRESSION, ROUTE),
                new BarChartByDimension("rss-per-connection", RSS_PER_CONN.key(), COMPRESSION, ROUTE));
    }

    @Override
    public String method(Profile profile) {
        Plan plan = plan(profile);
        return "a fresh server JVM per repetition and variant (without and with permessage-deflate, in an order"
                + " rotated each repetition); " + plan.warmUp() + " connections opened and dropped first, then "
                + plan.connections() + " (or the open-file limit's share) opened at " + plan.perSecond()
                + "/s and held until memory settles";
    }

    private static Plan plan(Profile profile) {
        return new Plan(profile.pick(500, 10_000, 100_000), profile.pick(1_000, 2_500, 2_500),
                profile.pick(50, 500, 1_000));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Plan plan = plan(run.profile());
        String deflateUnsupported = Transports.find(run.impl()).unsupported().get(Feature.COMPRESSION);
        if (deflateUnsupported != null) {
            run.notSupported(variant(true), deflateUnsupported);
        }
        for (boolean compression : ScenarioRun.rotated(List.of(false, true), rep)) {
            Variant variant = variant(compression);
            if (run.skip(variant)) {
                continue;
            }
            try {
                Measured m = measure(run, plan, variant, compression);
                run.record(variant, rep, m.values(), Map.of("connect", Histograms.encode(m.connectNanos())));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                run.fail(variant, Reasons.of(e));
            }
        }
    }

    /**
     * @param connections the profile's N, before the open-file cap
     * @param perSecond   the set opening rate
     * @param warmUp      connections opened and dropped before the baseline
     */
    private record Plan(int connections, int perSecond, int warmUp) {
    }

    private record Measured(Map<String, Double> values, Histogram connectNanos) {
    }

    private static Measured measure(ScenarioRun run, Plan plan, Variant variant, boolean compression)
            throws Exception {
        ClientProvider netty = LoadClients.find(LOAD_CLIENT);
        TopologyConfig config = serverConfig(run, compression);
        try (SystemUnderTest sut = run.start(config);
             WsClient client = netty.create(run.setup().clientOptions().withCompression(compression))) {
            ServerReplica server = sut.topology().replica(0);
            URI uri = sut.uri(Route.DIRECT);
            int ports = ConnectionMemory.ephemeralPorts();
            warmUp(netty, run, compression, uri, plan.warmUp(), server, ports);

            ConnectionRoom room = ConnectionRoom.between(server.pid(), ProcessHandle.current().pid());
            int n = room.fit(plan.connections());
            ConnectionMemory.noteSize(run, variant, plan.connections(), n, room);
            if (n == 0) {
                throw new IOException("no connection fits: " + room.describe() + "; raise ulimit -n");
            }
            ServerMemory before = ServerMemory.afterGc(server);
            SourceAddresses sources = SourceAddresses.forConnections(n, ports);
            IdleConnections idle = IdleConnections.open(client, uri, n, plan.perSecond(), sources);
            ConnectionMemory.check(idle, server, compression);
            ServerMemory after = ServerMemory.afterGc(server);
            ConnectionMemory.check(idle, server, compression); // still all there after the collection's pause
            ConnectionMemory.noteOpening(run, variant, plan.perSecond(), idle, sources);
            sut.killServers(); // N connections closed one by one would take seconds and measure nothing
            return new Measured(values(n, idle, before, after), idle.connectNanos());
        }
    }

    /** The bench's server JVM (same flags for every impl) with the heap pre-touched, deflate on or off. */
    private static TopologyConfig serverConfig(ScenarioRun run, boolean compression) {
        TopologyConfig base = ConnectionMemory.preTouched(run.topology());
        return base.withServer(base.server().withCompression(compression, base.server().compressionLevel()));
    }

    /**
     * A fresh JVM interprets and has loaded none of the handshake's classes: open and drop a few hundred
     * connections first, so the classes loaded and code compiled for the first connections do not count as
     * memory of the measured ones, and wait until the server has let go of every one.
     */
    private static void warmUp(ClientProvider netty, ScenarioRun run, boolean compression, URI uri, int count,
                               ServerReplica server, int ports) throws Exception {
        try (WsClient client = netty.create(run.setup().clientOptions().withCompression(compression))) {
            IdleConnections warm = IdleConnections.open(client, uri, count, 0,
                    SourceAddresses.forConnections(count, ports));
            if (warm.opened() == 0) {
                throw new IOException("warm-up: no connection opened: " + warm.firstFailure());
            }
        }
        ConnectionMemory.awaitGauge(server, 0, "after the warm-up connections were dropped");
    }

    private static Map<String, Double> values(int n, IdleConnections idle, ServerMemory before, ServerMemory after) {
        double opened = idle.opened();
        Histogram connect = idle.connectNanos();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(HEAP_PER_CONN.key(), (after.heapUsedBytes() - before.heapUsedBytes()) / opened);
        values.put(RSS_PER_CONN.key(), (after.rssBytes() - before.rssBytes()) / opened);
        values.put(TARGET.key(), (double) n);
        values.put(OPENED.key(), opened);
        values.put(FAILED.key(), (double) idle.failed());
        values.put(CONNECT_P50.key(), connect.getValueAtPercentile(50) / 1e6);
        values.put(CONNECT_P99.key(), connect.getValueAtPercentile(99) / 1e6);
        values.put(OPEN_TIME.key(), idle.seconds());
        values.put(OPEN_RATE.key(), idle.openedPerSecond());
        values.put(HEAP_AFTER.key(), after.heapUsedBytes() / (1024.0 * 1024));
        values.put(RSS_AFTER.key(), after.rssBytes() / (1024.0 * 1024));
        return values;
    }

    public static Variant variant(boolean compression) {
        return Variant.of(ROUTE, Route.DIRECT.label(), COMPRESSION, compression ? "on" : "off");
    }
}
