package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Reasons;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.FixedRateLoad;
import io.wsbench.bench.load.FixedRateWindow;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.TopologyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency at a fixed offered rate (SPEC §4 "latency at fixed rate"): an open loop over C connections sends
 * 1 KiB text messages on a fixed schedule whatever the echoes do, and each latency is measured from the
 * message's intended send time (coordinated-omission corrected, wrk2's rule). Direct, through nginx terminating
 * TLS and to a server terminating TLS itself; a fresh server JVM per repetition (two: one with TLS), warmed up
 * first.
 */
public final class LatencyScenario implements Scenario {
    static final int SIZE = 1024;
    /** Below this share of the offered rate the row is a server (or client) that fell behind, and says so. */
    static final double ACHIEVED_SHARE = 0.95;

    public static final String ROUTE = "route";
    private static final String RATE = "rate";
    private static final Duration DRAIN = Duration.ofSeconds(10);

    public static final Metric P99 = Metric.lower("p99_ms", "p99", "ms");
    private static final Metric P50 = Metric.lower("p50_ms", "p50", "ms");
    private static final Metric P999 = Metric.lower("p999_ms", "p99.9", "ms");
    private static final Metric MAX = Metric.lower("max_ms", "max", "ms");
    private static final Metric ACHIEVED = Metric.higher("achieved_per_s", "achieved", "msgs/s");
    private static final Metric SEND_LAG = Metric.context("send_lag_max_ms", "client send lag max", "ms");
    private static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU", "cores");
    private static final Metric NGINX_CPU = Metric.context("nginx_cpu", "nginx CPU", "cores");
    private static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU", "cores");

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String description() {
        return "Open-loop latency at a fixed offered rate: C connections send 1 KiB text messages on a fixed"
                + " schedule (message k at start + k/rate, whether or not earlier echoes are back), and each echo's"
                + " latency is measured from the message's intended send time, so a stall counts against every"
                + " message it held up (coordinated omission corrected, as wrk2 does); direct, through nginx+TLS (the"
                + " notification service's own route) and direct+tls, wss:// to a server that terminates TLS itself"
                + " (TLS_CERT/TLS_KEY, the library's own TLS over the JDK's; full also through plain nginx)."
                + " It lies when the load generator cannot keep the schedule itself: the client's send lag column"
                + " shows how late it sent, and a row whose achieved rate is below "
                + (int) (ACHIEVED_SHARE * 100) + "% of the offered rate is noted.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(P99, P50, P999, MAX, ACHIEVED, SEND_LAG, SERVER_CPU, NGINX_CPU, LOAD_CPU);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (Route route : routes(profile)) {
            for (int rate : rates(profile)) {
                all.add(variant(route, rate));
            }
        }
        return all;
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("p99", P99.key(), RATE, ROUTE));
    }

    /**
     * Direct, the route a notification service runs behind (nginx terminating TLS: issue 15 asks for p99 there),
     * and TLS terminated by the library itself, the other way to serve wss://. Plain nginx, between direct and
     * nginx+TLS, is full's: a route costs every repetition a window.
     */
    static List<Route> routes(Profile profile) {
        return profile.pick(List.of(Route.DIRECT, Route.NGINX_TLS, Route.DIRECT_TLS),
                List.of(Route.DIRECT, Route.NGINX_TLS, Route.DIRECT_TLS),
                List.of(Route.DIRECT, Route.NGINX, Route.NGINX_TLS, Route.DIRECT_TLS));
    }

    /** Offered rates, messages per second over all connections. */
    static List<Integer> rates(Profile profile) {
        // quick measures the rate where the stacks part (at 2,000 msgs/s every one idles); full adds the others
        return profile.pick(List.of(500, 2000), List.of(8000), List.of(2000, 8000, 16000));
    }

    @Override
    public String method(Profile profile) {
        return "a fresh server JVM per repetition, and for the direct+tls route a second one started with"
                + " TLS_CERT/TLS_KEY (both started together, measured one after the other in an order rotated each"
                + " repetition); each driven at the top rate and " + JitQuiet.of(profile).describe()
                + "; then per cell (routes in an order rotated each repetition)"
                + " the rate runs " + warmUp(profile).toMillis() + " ms unrecorded (a fixed rate has no throughput"
                + " to settle) and " + measure(profile).toMillis() + " ms measured";
    }

    private static Duration warmUp(Profile profile) {
        return profile.pick(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    private static Duration measure(Profile profile) {
        return profile.pick(Duration.ofMillis(300), Duration.ofMillis(800), Duration.ofSeconds(10));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Profile profile = run.profile();
        int connections = profile.pick(8, 64, 256);
        List<Integer> rates = rates(profile);
        // one server JVM for the routes a plain replica serves, one terminating TLS itself for the others
        List<List<Route>> groups = new ArrayList<>();
        List<TopologyConfig> configs = new ArrayList<>();
        for (boolean serverTls : ScenarioRun.rotated(List.of(false, true), rep)) {
            List<Route> routes = routes(profile).stream().filter(r -> r.serverTls() == serverTls).toList();
            if (!routes.isEmpty()) {
                groups.add(ScenarioRun.rotated(routes, rep));
                configs.add(run.topology().withServerTls(serverTls));
            }
        }
        run.measureEach(configs, (i, sut) -> {
            List<Route> routes = groups.get(i);
            warmUp(run, sut, routes.get(0), connections, rates.get(rates.size() - 1));
            for (Route route : routes) {
                measureRoute(run, sut, route, connections, rates, warmUp(profile), measure(profile), rep);
            }
        }, (i, why) -> groups.get(i).forEach(route -> rates.forEach(rate -> {
            Variant variant = variant(route, rate);
            if (!run.skip(variant)) {
                run.fail(variant, Reasons.of(why));
            }
        })));
    }

    /** A fresh JVM interprets at first: run the highest rate straight at it before anything counts. */
    private static void warmUp(ScenarioRun run, SystemUnderTest sut, Route route, int connections, int rate)
            throws Exception {
        try (WsClient client = run.client(sut, route);
             FixedRateLoad load = FixedRateLoad.open(client, sut.uri(route), connections, SIZE)) {
            JitQuiet.of(run.profile()).run(sut.topology().replica(0).pid(), 1,
                    (shape, length) -> load.run(rate, length, Duration.ZERO, DRAIN));
        }
    }

    /** Every rate over one set of connections; a failure fails that rate and the next rate reconnects. */
    private static void measureRoute(ScenarioRun run, SystemUnderTest sut, Route route, int connections,
                                     List<Integer> rates, Duration warmUp, Duration measure, int rep)
            throws Exception {
        WsClient client = null;
        FixedRateLoad load = null;
        try {
            for (int rate : rates) {
                Variant variant = variant(route, rate);
                if (run.skip(variant)) {
                    continue;
                }
                try {
                    if (load == null) {
                        client = client == null ? run.client(sut, route) : client;
                        load = FixedRateLoad.open(client, sut.uri(route), connections, SIZE);
                    }
                    ResourceSampler sampler = sut.sample();
                    FixedRateWindow window = load.run(rate, warmUp, measure, DRAIN);
                    Map<String, ProcessUsage> usage = sampler.stop();
                    run.record(variant, rep, values(run, variant, route, window, usage),
                            Map.of("latency", Histograms.encode(window.latencyNanos())));
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    run.fail(variant, sut.whyFailed(e));
                    if (load != null) {
                        load.close();
                        load = null;
                    }
                }
            }
        } finally {
            if (load != null) {
                load.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    private static Map<String, Double> values(ScenarioRun run, Variant variant, Route route, FixedRateWindow w,
                                              Map<String, ProcessUsage> usage) {
        if (w.latencyNanos().getTotalCount() == 0) {
            throw new IllegalStateException("no message was scheduled in the measured window");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(P99.key(), w.millis(99));
        values.put(P50.key(), w.millis(50));
        values.put(P999.key(), w.millis(99.9));
        values.put(MAX.key(), w.maxMillis());
        values.put(ACHIEVED.key(), w.achievedPerSecond());
        values.put(SEND_LAG.key(), w.maxSendLagNanos() / 1e6);
        if (w.achievedPerSecond() < ACHIEVED_SHARE * w.offered()) {
            run.note(variant, "achieved below " + (int) (ACHIEVED_SHARE * 100) + "% of the offered "
                    + Format.number(w.offered()) + " msgs/s in at least one repetition: the latency is that of a"
                    + " backlog, not of the offered rate");
        }
        // The sampler ran over warm-up, measure and drain: CPU is an average over the whole run of this rate.
        ProcessUsage server = usage.get("server");
        if (server != null) {
            values.put(SERVER_CPU.key(), server.avgCores());
        }
        ProcessUsage nginx = usage.get("nginx");
        if (nginx != null && route != Route.DIRECT) {
            values.put(NGINX_CPU.key(), nginx.avgCores());
        }
        ProcessUsage load = usage.get("load");
        if (load != null) {
            values.put(LOAD_CPU.key(), load.avgCores());
        }
        return values;
    }

    private static Variant variant(Route route, int rate) {
        return Variant.of(ROUTE, route.label(), RATE, Format.number(rate) + " msgs/s");
    }
}
