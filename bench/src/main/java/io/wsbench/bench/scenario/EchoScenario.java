package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Stacks;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.EchoLoad;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.load.SteadyState;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ThreadCpu;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.WarmUp;
import io.wsbench.core.client.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closed-loop echo (SPEC §4 "echo"): C connections each keep one text message in flight and send the next as
 * soon as the echo arrives, for 64 B, 1 KiB and 16 KiB, straight to the server, through nginx, and through
 * nginx with TLS. Per repetition a fresh server JVM and nginx (like a JMH fork), warmed up before anything is
 * recorded; connections are opened once per route and reused across sizes. A measured window lasts the
 * profile's measure time and at least two round trips per connection (stretched up to 10 s), so a stall is
 * measured as the slow window it is instead of leaving an empty one.
 */
public final class EchoScenario implements Scenario {
    static final List<Integer> SIZES = List.of(64, 1024, 16 * 1024);

    static final String ROUTE = "route";
    static final String SIZE = "size";
    static final Duration DRAIN = Duration.ofSeconds(10);
    /** How far a window may be stretched to collect its minimum of round trips. */
    static final Duration MAX_STRETCH = Duration.ofSeconds(10);

    public static final Metric THROUGHPUT = Metric.higher("msgs_per_s", "throughput", "msgs/s");
    static final Metric P50 = Metric.lower("p50_ms", "p50", "ms");
    static final Metric P99 = Metric.lower("p99_ms", "p99", "ms");
    static final Metric P999 = Metric.lower("p999_ms", "p99.9", "ms");
    static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU", "cores");
    public static final Metric PER_CPU = Metric.higher("msgs_per_server_cpu_s", "per server CPU-s", "msgs");
    static final Metric NGINX_CPU = Metric.context("nginx_cpu", "nginx CPU", "cores");
    static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU", "cores");
    static final Metric SERVER_RSS = Metric.context("server_rss_max_mib", "server RSS max", "MiB");
    /** The server JVM's JIT and GC threads: CPU they took from the event loops on its one core. */
    static final Metric SERVER_JIT_CPU = Metric.context("server_jit_cpu", "server JIT CPU", "cores");
    static final Metric SERVER_GC_CPU = Metric.context("server_gc_cpu", "server GC CPU", "cores");
    /** How long the repetition's fresh server JVM took to go JIT-quiet ({@link JitQuiet}) before its first cell. */
    static final Metric JVM_WARM_UP = Metric.context("server_warmup_s", "JVM warm-up", "s");

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "Closed-loop echo: C connections each keep one plain-text message in flight (not a JSON command,"
                + " so the shared Hub costs next to nothing) and send the next as soon as the echo is back; round"
                + " trips per second and their latency from an HdrHistogram of every reply, at 64 B, 1 KiB and"
                + " 16 KiB, direct, through nginx and through nginx with TLS, each repetition in a fresh server"
                + " JVM. It lies when the load generator is the bottleneck (load CPU near its core count: then the"
                + " figure is the client's limit, and the row says so), and a closed loop waits for slow replies"
                + " instead of queueing behind them, so its latency is not latency under a fixed offered rate."
                + " The raw TCP row is the ceiling: the same loop over plain TCP (a Netty echo server in its own"
                + " pinned JVM, a Netty client, no WebSocket), direct only; \"% of ceiling\" is how much of what the"
                + " loopback stack allows an impl reaches. \"server JIT CPU\" and \"server GC CPU\" are the server"
                + " JVM's compiler and collector threads (/proc/PID/task) during the window: on its one core they"
                + " run instead of the event loop, so a cell where they are high measured a JVM still warming up.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(THROUGHPUT, P50, P99, P999, SERVER_CPU, PER_CPU, NGINX_CPU, LOAD_CPU, SERVER_RSS,
                SERVER_JIT_CPU, SERVER_GC_CPU, JVM_WARM_UP);
    }

    /**
     * Quick measures 1 KiB on every route (the size the "which stack" criteria read, and what each route adds shows
     * at one size); smoke and full every size on every route. Issue 13's 20-minute budget for quick.
     */
    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (Route route : Route.plainServer()) {
            for (int size : sizes(profile)) {
                all.add(variant(route, size));
            }
        }
        return all;
    }

    /** The sizes the profile measures, on every route and for the ceiling. */
    static List<Integer> sizes(Profile profile) {
        return profile.pick(SIZES, List.of(1024), SIZES);
    }

    @Override
    public String method(Profile profile) {
        return "a fresh server JVM per repetition, " + JitQuiet.of(profile).describe()
                + ", the sizes in turn; then per cell (the routes and sizes in an order rotated each repetition) the"
                + " load warms up until " + steady(profile) + ", then " + profile.measure().toMillis()
                + " ms measured (stretched to two round trips per connection)";
    }

    /** How the steady-state warm-up reads in a header. */
    static String steady(Profile profile) {
        return steady(profile.steadyState());
    }

    static String steady(SteadyState s) {
        return s.windows() + " successive " + s.window().toMillis() + " ms windows agree within "
                + Math.round(s.tolerance() * 100) + "% (at most " + s.cap().toMillis() + " ms)";
    }

    /** Raw TCP echo at the same connections and sizes, direct: the tables give each impl's % of it. */
    @Override
    public Optional<Ceiling> ceiling() {
        return Optional.of(new TcpEchoCeiling());
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("throughput", THROUGHPUT.key(), SIZE, ROUTE));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Profile profile = run.profile();
        int connections = connections(profile);
        if (Stacks.isReference(run.impl())) {
            variants(profile).stream().filter(v -> v.get(ROUTE).equals(Route.DIRECT.label())).forEach(v -> run.note(v,
                    "% of ceiling: the ceiling is a Netty echo over plain TCP in a JVM, the most a Java server"
                            + " reaches here; a server outside the JVM is not held to it"));
        }
        try (SystemUnderTest sut = run.start(run.topology())) {
            WarmUp jvm = warmUpServer(run, sut, connections);
            for (Route route : ScenarioRun.rotated(Route.plainServer(), rep)) {
                measureRoute(run, sut, route, ScenarioRun.rotated(sizes(profile), rep), connections, rep,
                        jvm);
            }
        }
    }

    /** Echo's connection count for {@code profile}; the ceiling and the clients scenario use the same. */
    static int connections(Profile profile) {
        return profile.pick(4, 64, 256);
    }

    /** A fresh JVM interprets at first: run every size straight at it until its compilers are done. */
    private static WarmUp warmUpServer(ScenarioRun run, SystemUnderTest sut, int connections) throws Exception {
        try (WsClient client = run.client(sut, Route.DIRECT);
             EchoLoad load = EchoLoad.open(client, sut.uri(Route.DIRECT), connections)) {
            return JitQuiet.of(run.profile()).run(sut.topology().replica(0).pid(), SIZES.size(), (shape, length) -> {
                load.start(EchoLoad.text(SIZES.get(shape)));
                Thread.sleep(length.toMillis());
                load.stop(DRAIN);
            });
        }
    }

    /** Every size over one set of connections; a failure fails that size and the next size reconnects. */
    private static void measureRoute(ScenarioRun run, SystemUnderTest sut, Route route, List<Integer> sizes,
                                     int connections, int rep, WarmUp jvm) throws Exception {
        WsClient client = null;
        EchoLoad load = null;
        try {
            for (int size : sizes) {
                Variant variant = variant(route, size);
                if (run.skip(variant)) {
                    continue;
                }
                try {
                    if (load == null) {
                        client = client == null ? run.client(sut, route) : client;
                        load = EchoLoad.open(client, sut.uri(route), connections);
                    }
                    Measured measured = measure(run, sut, load, route, variant, size);
                    measured.values().put(JVM_WARM_UP.key(), jvm.seconds());
                    run.record(variant, rep, measured.values(),
                            Map.of("latency", Histograms.encode(measured.window().latencyNanos())),
                            measured.warmUp());
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

    private static Measured measure(ScenarioRun run, SystemUnderTest sut, EchoLoad load, Route route,
                                               Variant variant, int size) throws Exception {
        Profile profile = run.profile();
        load.start(EchoLoad.text(size));
        EchoLoad.Measured measured = load.measure(profile.steadyState(), profile.measure(), MAX_STRETCH, sut::sample);
        load.stop(DRAIN);
        EchoWindow window = measured.window();
        Map<String, ProcessUsage> usage = measured.usage();
        if (window.messages() == 0) {
            throw new IllegalStateException("no echo came back within "
                    + (profile.measure().plus(MAX_STRETCH).toMillis()) + " ms");
        }

        Map<String, Double> values = new LinkedHashMap<>();
        values.put(THROUGHPUT.key(), window.messagesPerSecond());
        values.put(P50.key(), window.millis(50));
        values.put(P99.key(), window.millis(99));
        values.put(P999.key(), window.millis(99.9));
        ProcessUsage server = usage.get("server");
        if (server != null) {
            values.put(SERVER_CPU.key(), server.avgCores());
            if (server.cpuSeconds() > 0) {
                values.put(PER_CPU.key(), window.messages() / server.cpuSeconds());
            }
            values.put(SERVER_RSS.key(), server.rssMaxBytes() / (1024.0 * 1024));
            server.threadCores(ThreadCpu.JIT).ifPresent(c -> values.put(SERVER_JIT_CPU.key(), c));
            server.threadCores(ThreadCpu.GC).ifPresent(c -> values.put(SERVER_GC_CPU.key(), c));
        }
        ProcessUsage nginx = usage.get("nginx");
        if (nginx != null && route != Route.DIRECT) {
            values.put(NGINX_CPU.key(), nginx.avgCores());
        }
        ProcessUsage client = usage.get("load");
        if (client != null) {
            values.put(LOAD_CPU.key(), client.avgCores());
            int loadCpus = run.setup().pinning().loadCpuCount();
            if (client.avgCores() >= 0.9 * loadCpus) {
                run.note(variant, "the load generator used over 90% of its " + loadCpus + " CPU in at least one"
                        + " repetition: the figure may be the client's limit, not the server's");
            }
        }
        return new Measured(values, window, measured.warmUp());
    }

    private record Measured(Map<String, Double> values, EchoWindow window, WarmUp warmUp) {
    }

    public static Variant variant(Route route, int size) {
        return Variant.of(ROUTE, route.label(), SIZE, Format.bytes(size));
    }
}
