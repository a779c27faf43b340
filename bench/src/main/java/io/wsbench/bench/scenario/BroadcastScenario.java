package io.wsbench.bench.scenario;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.BroadcastDelivery;
import io.wsbench.bench.load.BroadcastLoad;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.chart.LineChartByImpl;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Broadcast (SPEC §4 "broadcast", websocket-shootout's method): the number of subscribers is stepped up on one
 * server, and at each step one sender sends N broadcast commands one after the other; every subscriber records
 * its time to receipt. Per step: p50/p95/p99 over every receipt, the first and the last receipt of each
 * broadcast, and whether every subscriber got every message (a lost one fails the step). Across the steps:
 * the most subscribers an impl holds with p95 ≤ {@value #HOLD_P95_MS} ms.
 */
public final class BroadcastScenario implements Scenario {
    /** websocket-shootout's bar: a broadcast that takes longer than this is no longer "real time". */
    static final double HOLD_P95_MS = 250;

    private static final String SUBSCRIBERS = "subscribers";
    /** The load client this scenario always uses: it holds thousands of connections on one core cheaply. */
    private static final String CLIENT = "netty";
    private static final Duration GAP = Duration.ofMillis(10);
    private static final long FULL_MAX = 28_000;

    private static final Metric P95 = Metric.lower("p95_ms", "p95 time to receipt", "ms");
    private static final Metric P50 = Metric.lower("p50_ms", "p50", "ms");
    private static final Metric P99 = Metric.lower("p99_ms", "p99", "ms");
    private static final Metric FIRST = Metric.lower("first_p50_ms", "first receipt p50", "ms");
    private static final Metric LAST = Metric.lower("last_p50_ms", "last receipt p50", "ms");
    private static final Metric LAST_MAX = Metric.lower("last_max_ms", "last receipt max", "ms");
    public static final Metric HELD = Metric.higher("held_subscribers",
            "most subscribers at p95 ≤ " + (int) HOLD_P95_MS + " ms", "subscribers");
    private static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU", "cores");
    private static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU", "cores");
    private static final Metric SERVER_RSS = Metric.context("server_rss_max_mib", "server RSS max", "MiB");

    public static final Variant HELD_ROW = Variant.of(SUBSCRIBERS, "most at p95 ≤ " + (int) HOLD_P95_MS + " ms");

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public String description() {
        return "Broadcast, as in websocket-shootout: subscribers are added step by step to one server (direct, no"
                + " nginx) and one sender sends broadcast commands one at a time, each waiting until every"
                + " subscriber has it; time to receipt is measured from the send, per receipt (p50/p95/p99) and per"
                + " broadcast (first and last receipt), and a lost message fails the step. The last row is the most"
                + " subscribers whose p95 stayed within " + (int) HOLD_P95_MS + " ms (every smaller step too)."
                + " Always driven by the " + CLIENT + " load client on one core: every receipt of a broadcast"
                + " lands there at once, so at high counts part of the figure is the client working through them"
                + " (load CPU says when it is busy), and equally for every impl.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(P95, P50, P99, FIRST, LAST, LAST_MAX, HELD, SERVER_CPU, LOAD_CPU, SERVER_RSS);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (int count : steps(profile)) {
            all.add(variant(count));
        }
        all.add(HELD_ROW);
        return all;
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new LineChartByImpl("p95", P95.key(), SUBSCRIBERS, HOLD_P95_MS,
                "p95 = " + (int) HOLD_P95_MS + " ms"));
    }

    /** Subscriber counts; full doubles up to what one process can hold at the open-file limit. */
    static List<Integer> steps(Profile profile) {
        List<Integer> quick = List.of(1000, 2000, 4000, 8000);
        List<Integer> full = new ArrayList<>();
        // the sender is one connection too; past ~28k one source address runs out of ephemeral ports
        long cap = Math.min(OpenFileLimit.current().connectionsPerProcess() - 1, FULL_MAX);
        for (int n = 1000; n <= cap; n *= 2) {
            full.add(n);
        }
        int top = (int) (cap / 1000 * 1000);
        if (top > 0 && (full.isEmpty() || top > full.get(full.size() - 1))) {
            full.add(top);
        }
        return profile.pick(List.of(50, 200), quick, full);
    }

    @Override
    public String method(Profile profile) {
        Sizes sizes = sizes(profile);
        return "a fresh server JVM per repetition; the subscribers grow step by step in it, each step settled by "
                + "one broadcast (the first by " + sizes.warmUp() + ") and then measured over " + sizes.broadcasts()
                + " broadcasts";
    }

    private static Sizes sizes(Profile profile) {
        // quick keeps to its time budget (a fresh JVM and up to 8k connections per repetition) with few broadcasts
        // per step; every one reaches every subscriber, so a step still has thousands of receipts
        return new Sizes(profile.pick(3, 5, 30), profile.pick(5, 20, 200),
                profile.pick(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        List<Integer> steps = steps(run.profile());
        try (SystemUnderTest sut = run.start(run.topology());
             WsClient client = LoadClients.find(CLIENT).create(run.setup().clientOptions());
             BroadcastLoad load = BroadcastLoad.open(client, sut.uri(Route.DIRECT))) {
            int held = climb(run, sut, load, steps, rep, sizes(run.profile()));
            run.record(HELD_ROW, rep, Map.of(HELD.key(), (double) held));
            sut.killServers(); // thousands of subscribers closed one by one would take seconds, measuring nothing
        }
    }

    private record Sizes(int broadcasts, int warmUp, Duration patience) {
    }

    /**
     * Grows the subscribers step by step and measures each; returns the most subscribers held at p95 within
     * the bar (with every smaller step too). A step that fails fails every larger one as not reached.
     */
    private static int climb(ScenarioRun run, SystemUnderTest sut, BroadcastLoad load, List<Integer> steps, int rep,
                             Sizes sizes) throws Exception {
        int held = 0;
        boolean holding = true;
        // steps that failed in an earlier repetition are still climbed through, up to the last one still measured
        int upTo = steps.size() - 1;
        while (upTo > 0 && run.skip(variant(steps.get(upTo)))) {
            upTo--;
        }
        for (int i = 0; i <= upTo; i++) {
            int count = steps.get(i);
            Variant variant = variant(count);
            try {
                load.growTo(count);
                awaitRegistered(sut, count + 1, sizes.patience());
                // a fresh JVM interprets at first; each step also settles its new connections
                repeat(load, i == 0 ? sizes.warmUp() : 1, sizes.patience());
                load.cut();
                Measured m = measure(sut, load, sizes.broadcasts(), sizes.patience());
                if (!run.skip(variant)) {
                    run.record(variant, rep, m.values(), Map.of("receipt", Histograms.encode(m.receipts())));
                }
                holding &= m.values().get(P95.key()) <= HOLD_P95_MS;
                held = holding ? count : held;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String reason = sut.whyFailed(e);
                run.fail(variant, reason);
                steps.subList(i + 1, steps.size()).forEach(c -> run.fail(variant(c),
                        "not reached: the " + count + "-subscriber step failed (" + reason + ")"));
                break;
            }
        }
        return held;
    }

    /**
     * Waits until the server's Hub counts every connection: a client sees its connection open when the 101
     * arrives, and some servers (Jetty) register the endpoint only after sending it, so a broadcast sent at once
     * would miss connections that are not lost, only not there yet.
     */
    private static void awaitRegistered(SystemUnderTest sut, int connections, Duration patience) throws Exception {
        ServerReplica server = sut.topology().replicas().get(0);
        long deadline = System.nanoTime() + patience.toNanos();
        int active = server.connectionsActive();
        while (active < connections && System.nanoTime() < deadline) {
            Thread.sleep(20);
            active = server.connectionsActive();
        }
        if (active < connections) {
            throw new IllegalStateException("the server counts " + active + " of " + connections
                    + " open connections after " + patience.toMillis() + " ms");
        }
    }

    /** Broadcasts that are not measured; a lost one fails here as well. */
    private static void repeat(BroadcastLoad load, int times, Duration patience) throws Exception {
        for (int i = 0; i < times; i++) {
            check(load, load.broadcast(patience), patience);
            Thread.sleep(GAP.toMillis());
        }
    }

    private static Measured measure(SystemUnderTest sut, BroadcastLoad load, int broadcasts, Duration patience)
            throws Exception {
        double[] first = new double[broadcasts];
        double[] last = new double[broadcasts];
        ResourceSampler sampler = sut.sample();
        for (int i = 0; i < broadcasts; i++) {
            BroadcastDelivery d = load.broadcast(patience);
            check(load, d, patience);
            first[i] = d.firstMillis();
            last[i] = d.lastMillis();
            Thread.sleep(GAP.toMillis());
        }
        Map<String, ProcessUsage> usage = sampler.stop();
        Histogram receipts = load.cut();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(P95.key(), receipts.getValueAtPercentile(95) / 1e6);
        values.put(P50.key(), receipts.getValueAtPercentile(50) / 1e6);
        values.put(P99.key(), receipts.getValueAtPercentile(99) / 1e6);
        Arrays.sort(first);
        Arrays.sort(last);
        values.put(FIRST.key(), median(first));
        values.put(LAST.key(), median(last));
        values.put(LAST_MAX.key(), last[last.length - 1]);
        ProcessUsage server = usage.get("server");
        if (server != null) {
            values.put(SERVER_CPU.key(), server.avgCores());
            values.put(SERVER_RSS.key(), server.rssMaxBytes() / (1024.0 * 1024));
        }
        ProcessUsage client = usage.get("load");
        if (client != null) {
            values.put(LOAD_CPU.key(), client.avgCores());
        }
        return new Measured(values, receipts);
    }

    /** One step's figures, and every receipt's time in nanoseconds for results.json. */
    private record Measured(Map<String, Double> values, Histogram receipts) {
    }

    /** A broadcast some subscriber never got (or whose result never came) fails the step. */
    private static void check(BroadcastLoad load, BroadcastDelivery d, Duration patience) {
        String problem = load.problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        if (d.missing() > 0) {
            throw new IllegalStateException(d.missing() + " of " + load.subscribers()
                    + " subscribers did not receive a broadcast within " + patience.toMillis() + " ms");
        }
        if (!d.resultArrived()) {
            throw new IllegalStateException("the sender got no broadcastResult within " + patience.toMillis()
                    + " ms");
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Variant variant(int subscribers) {
        return Variant.of(SUBSCRIBERS, Integer.toString(subscribers));
    }
}
