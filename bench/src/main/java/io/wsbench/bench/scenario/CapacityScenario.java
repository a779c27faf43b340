package io.wsbench.bench.scenario;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Stacks;
import io.wsbench.bench.Reasons;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.IdleConnections;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ConnectionRoom;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.Feature;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Capacity and memory per connection (SPEC §4 "capacity", issue 14): N connections opened at a set rate straight to
 * one server JVM started as a user would start it, and what each costs it, idle and then busy (each connection has
 * exchanged a few messages), in the two figures of {@link MemoryPerConnection}: the footprint to provision and the
 * live set to compare libraries by. Without and with permessage-deflate negotiated. Each repetition of each
 * compression setting is a fresh server JVM.
 */
public final class CapacityScenario implements Scenario {
    /** Always this load client: it binds loopback source addresses and offers permessage-deflate. */
    static final String LOAD_CLIENT = "netty";
    /** The name in results.json, and what the design claims look the results up by. */
    public static final String NAME = "capacity";

    private static final String ROUTE = "route";
    private static final String COMPRESSION = "compression";
    private static final String CONNECTIONS = "connections";
    public static final String IDLE = "idle";
    public static final String BUSY = "busy";

    private static final Metric TARGET = Metric.context("n", "N", "conns");
    /** The headline, what a user provisions per connection (the claims read it). */
    public static final Metric FOOTPRINT = MemoryPerConnection.FOOTPRINT;
    public static final Metric OPENED = Metric.context("opened", "opened", "conns");
    private static final Metric FAILED = Metric.lower("failed", "failures", "conns");
    private static final Metric CONNECT_P50 = Metric.lower("connect_p50_ms", "connect p50", "ms");
    private static final Metric CONNECT_P99 = Metric.lower("connect_p99_ms", "connect p99", "ms");
    private static final Metric OPEN_TIME = Metric.context("open_s", "open all", "s");
    private static final Metric OPEN_RATE = Metric.context("opened_per_s", "opened/s", "conns/s");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "N connections opened at a set rate straight to one server JVM (fresh for every repetition,"
                + " warmed up by opening and dropping 500 connections first in quick), by the Netty load client"
                + " spread over loopback source addresses 127.0.0.2 and up; then memory per connection, first with"
                + " the connections idle, then busy: each has sent " + ConnectionMemory.BUSY_EXCHANGES + " JSON"
                + " notifications of about 2 KiB and got their echoes (where deflate's windows and the buffers"
                + " fill: Netty and Jetty create their deflater on the first message, so idle \"on\" shows them"
                + " nearly free); without and with permessage-deflate (context takeover on) negotiated, checked on"
                + " every connection. " + MemoryPerConnection.EXPLAINED + ". The busy readings come after the idle"
                + " ones' forced GC, which a user's server would not have had. N is capped to fit the open-file limits"
                + " of the server and the load generator (the notes say how); nginx is left out because it would only"
                + " halve that cap. Footprints at 50,000 connections and more are not measured here: multiplying these"
                + " is an extrapolation. It lies when the baseline is not steady (hence the warm-up and the settled"
                + " readings) and when the machine is short of memory (RSS then shrinks under the kernel's hand).";
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> all = new ArrayList<>(MemoryPerConnection.METRICS);
        all.addAll(List.of(TARGET, OPENED, FAILED, CONNECT_P50, CONNECT_P99, OPEN_TIME, OPEN_RATE,
                MemoryPerConnection.RSS_AT_N, MemoryPerConnection.HEAP_AT_N));
        return all;
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return List.of(variant(false, IDLE), variant(false, BUSY), variant(true, IDLE), variant(true, BUSY));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("footprint-per-connection", MemoryPerConnection.FOOTPRINT.key(),
                        COMPRESSION, CONNECTIONS),
                new BarChartByDimension("live-set-per-connection", MemoryPerConnection.LIVE_SET.key(), COMPRESSION,
                        CONNECTIONS));
    }

    @Override
    public String method(Profile profile) {
        Plan plan = plan(profile);
        return "a fresh server JVM per repetition and variant (without and with permessage-deflate, both started"
                + " together and measured one after the other in an order rotated each repetition); "
                + plan.warmUp() + " connections opened and dropped first, then "
                + plan.connections() + (plan.compressed() < plan.connections() ? " without deflate and "
                + plan.compressed() + " with it" : "") + " (or the open-file limit's share) opened at " + plan.perSecond()
                + "/s and held until the RSS settles (idle), then " + ConnectionMemory.BUSY_EXCHANGES
                + " messages each and settled again (busy)";
    }

    /**
     * Quick opens 10,000 without deflate. At 5,000 (tried for issue 13's budget, saving about a minute) the
     * footprint was dominated by the heap's growth steps: netty's idle row read 12,277 [2,106–12,281] bytes, where
     * 10,000 in the same JVM setup read 4,871–6,446. With deflate quick opens 2,000: a busy deflated connection
     * costs 130–180 KiB (run 20261207-093737), so 2,000 of them are 250 MiB and more, far above those steps, and
     * the deflate JVMs took 28–37 s a repetition at 10,000 (java-websocket and undertow open fewer than 1,200 a
     * second with deflate), 4 of quick's 35 minutes. The idle "on" rows of netty and jetty (about 7 and 15 KiB
     * at 10,000) are then near the steps' size: quick's note on those rows says so.
     */
    private static Plan plan(Profile profile) {
        return new Plan(profile.pick(500, 10_000, 100_000), profile.pick(500, 2_000, 100_000),
                profile.pick(1_000, 2_500, 2_500), profile.pick(50, 500, 1_000));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Plan plan = plan(run.profile());
        String deflateUnsupported = Stacks.unsupported(run.impl()).get(Feature.COMPRESSION);
        if (deflateUnsupported != null) {
            run.notSupported(variant(true, IDLE), deflateUnsupported);
            run.notSupported(variant(true, BUSY), deflateUnsupported);
        }
        List<Boolean> settings = ScenarioRun.rotated(List.of(false, true), rep).stream()
                .filter(c -> !(run.skip(variant(c, IDLE)) && run.skip(variant(c, BUSY)))).toList();
        // both JVMs started at once, measured one after the other: a start is seconds of the budget
        run.measureEach(settings.stream().map(c -> serverConfig(run, c)).toList(),
                (i, sut) -> measure(run, plan, sut, settings.get(i), rep),
                // a busy round that fails leaves the idle figures of this repetition standing
                (i, e) -> run.abortRepetition(List.of(variant(settings.get(i), IDLE), variant(settings.get(i), BUSY)),
                        rep, Reasons.of(e)));
    }

    /**
     * @param connections the profile's N without deflate, before the open-file cap
     * @param compressed  the profile's N with permessage-deflate negotiated, before the open-file cap
     * @param perSecond   the set opening rate
     * @param warmUp      connections opened and dropped before the baseline
     */
    private record Plan(int connections, int compressed, int perSecond, int warmUp) {
        int connections(boolean compression) {
            return compression ? compressed : connections;
        }
    }

    /** Idle, then busy, in one server JVM: each recorded as soon as it is read. */
    private static void measure(ScenarioRun run, Plan plan, SystemUnderTest sut, boolean compression, int rep)
            throws Exception {
        ClientProvider netty = LoadClients.find(LOAD_CLIENT);
        Variant idleVariant = variant(compression, IDLE);
        Variant busyVariant = variant(compression, BUSY);
        try (WsClient client = netty.create(run.setup().clientOptions().withCompression(compression))) {
            ServerReplica server = sut.topology().replica(0);
            URI uri = sut.uri(Route.DIRECT);
            int ports = ConnectionMemory.ephemeralPorts();
            List<String> messages = CompressionScenario.messages().get(CompressionScenario.MEMORY_MESSAGE);
            ConnectionMemory.warmUp(netty, run.setup().clientOptions().withCompression(compression), uri,
                    plan.warmUp(), server, messages);

            ConnectionRoom room = ConnectionRoom.between(server.pid(), ProcessHandle.current().pid());
            int planned = plan.connections(compression);
            int n = room.fit(planned);
            ConnectionMemory.noteSize(run, idleVariant, planned, n, room);
            ConnectionMemory.noteSize(run, busyVariant, planned, n, room);
            if (planned < plan.connections()) {
                run.note(idleVariant, String.format("%s opens %,d connections with deflate (%,d without): busy,"
                        + " each costs over 100 KiB, far above the heap's growth steps; idle, a library that"
                        + " allocates its deflater on the first message costs a few KiB, and the heap's steps show"
                        + " in the interval", run.profile().name(), planned, plan.connections()));
            }
            if (n == 0) {
                throw new IOException("no connection fits: " + room.describe() + "; raise ulimit -n");
            }
            MemoryPerConnection memory = MemoryPerConnection.baseline(server);
            if (Stacks.isReference(run.impl())) {
                run.note(idleVariant, MemoryPerConnection.NO_LIVE_SET);
                run.note(busyVariant, MemoryPerConnection.NO_LIVE_SET);
            }
            SourceAddresses sources = SourceAddresses.forConnections(n, ports);
            IdleConnections idle = IdleConnections.open(client, uri, n, plan.perSecond(), sources);
            ConnectionMemory.check(idle, server, compression);
            Map<String, Double> idleValues = memory.over(idle.opened());
            ConnectionMemory.check(idle, server, compression); // still all there after the collection's pause
            ConnectionMemory.noteOpening(run, idleVariant, plan.perSecond(), idle, sources);
            Map<String, Double> opening = opening(n, idle);
            run.record(idleVariant, rep, merged(idleValues, opening),
                    Map.of("connect", Histograms.encode(idle.connectNanos())));
            if (!run.skip(busyVariant)) {
                ConnectionMemory.makeBusy(idle, messages);
                Map<String, Double> busyValues = memory.over(idle.opened());
                ConnectionMemory.check(idle, server, compression);
                run.record(busyVariant, rep, merged(busyValues, opening), Map.of());
            }
            sut.killServers(); // N connections closed one by one would take seconds and measure nothing
        }
    }

    /** The bench's server JVM started as a user would ({@link ConnectionMemory#userStarted}), deflate on or off. */
    private static TopologyConfig serverConfig(ScenarioRun run, boolean compression) {
        TopologyConfig base = ConnectionMemory.userStarted(run.topology());
        return base.withServer(base.server().withCompression(compression, base.server().compressionLevel()));
    }

    private static Map<String, Double> opening(int n, IdleConnections idle) {
        Histogram connect = idle.connectNanos();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(TARGET.key(), (double) n);
        values.put(OPENED.key(), (double) idle.opened());
        values.put(FAILED.key(), (double) idle.failed());
        values.put(CONNECT_P50.key(), connect.getValueAtPercentile(50) / 1e6);
        values.put(CONNECT_P99.key(), connect.getValueAtPercentile(99) / 1e6);
        values.put(OPEN_TIME.key(), idle.seconds());
        values.put(OPEN_RATE.key(), idle.openedPerSecond());
        return values;
    }

    private static Map<String, Double> merged(Map<String, Double> memory, Map<String, Double> opening) {
        Map<String, Double> all = new LinkedHashMap<>(memory);
        all.putAll(opening);
        return all;
    }

    public static Variant variant(boolean compression, String connections) {
        return Variant.of(ROUTE, Route.DIRECT.label(), COMPRESSION, compression ? "on" : "off", CONNECTIONS,
                connections);
    }
}
