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
import io.wsbench.bench.chart.SearchPointsByImpl;
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
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Broadcast (SPEC §4 "broadcast", websocket-shootout's method): the number of subscribers is stepped up on one
 * server, and at each step one sender sends N broadcast commands one after the other; every subscriber records
 * its time to receipt. Per step: p50/p95/p99 over every receipt, the first and the last receipt of each
 * broadcast, and whether every subscriber got every message (a lost one fails the step). The climb goes on to
 * the break point ({@link BreakPoint}): the most subscribers an impl holds with p95 ≤ {@value #HOLD_P95_MS} ms,
 * bisected to within {@link BreakPoint#tolerance}, so that the figure ranks impls instead of naming the step below
 * their break.
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
    private static final Metric BREAK = Metric.context("break_subscribers", "first size past the bar",
            "subscribers");
    private static final Metric PROBES = Metric.context("sizes_measured", "sizes measured", "sizes");
    private static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU", "cores");
    private static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU", "cores");
    private static final Metric SERVER_RSS = Metric.context("server_rss_max_mib", "server RSS max", "MiB");

    /** Per repetition, in the break-point row: the p95 of every size measured, steps and bisection alike. */
    private static final String SIZE_P95 = "p95_ms_at_";

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
                + " broadcast (first and last receipt), and a lost message fails the step. The climb stops at the"
                + " first step past " + (int) HOLD_P95_MS + " ms p95 (or with a lost message) and bisects between it"
                + " and the last that held; the last row is that break point, the most subscribers at p95 ≤ "
                + (int) HOLD_P95_MS + " ms to within " + BreakPoint.describeTolerance() + "; \"≥ N\" where the"
                + " steps, or the open-file limit, ran out first. A step past the break that a repetition did not"
                + " reach is a \"not measured\" row (a row needs every repetition): the server did not fail there."
                + " Always driven by the " + CLIENT + " load client on one core: every receipt of a broadcast"
                + " lands there at once, so at high counts part of the figure is the client working through them"
                + " (load CPU says when it is busy), and equally for every impl.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(P95, P50, P99, FIRST, LAST, LAST_MAX, HELD, BREAK, PROBES, SERVER_CPU, LOAD_CPU, SERVER_RSS);
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
        String bar = "p95 = " + (int) HOLD_P95_MS + " ms";
        return List.of(new LineChartByImpl("p95", P95.key(), SUBSCRIBERS, HOLD_P95_MS, bar),
                new SearchPointsByImpl("search", HELD_ROW, SIZE_P95, SUBSCRIBERS, P95.heading(), HOLD_P95_MS, bar));
    }

    /**
     * Subscriber counts, doubling up to what one process can hold at the open-file limit (quick from 4,000: the
     * bisection puts the break between the steps, halving below the lowest when it fails, and a step below every
     * impl's break only costs time: most repetitions hold 5,000 or more; one of jetty's broke at 4,800 in
     * 20261207-093737, found by halving below the ladder).
     */
    static List<Integer> steps(Profile profile) {
        return profile.pick(List.of(50, 200), ladder(4000), ladder(1000));
    }

    private static List<Integer> ladder(int from) {
        List<Integer> steps = new ArrayList<>();
        // the sender is one connection too; past ~28k one source address runs out of ephemeral ports
        long cap = Math.min(OpenFileLimit.current().connectionsPerProcess() - 1, FULL_MAX);
        for (int n = from; n <= cap; n *= 2) {
            steps.add(n);
        }
        int top = (int) (cap / 1000 * 1000);
        if (top > 0 && (steps.isEmpty() || top > steps.get(steps.size() - 1))) {
            steps.add(top);
        }
        return steps;
    }

    @Override
    public String method(Profile profile) {
        Sizes sizes = sizes(profile);
        return "a fresh server JVM per repetition; the subscribers climb the steps in it until one passes the bar"
                + " or loses a message, then the search bisects between the last step that held and the first that"
                + " did not to within " + BreakPoint.percent(BreakPoint.tolerance(profile))
                + " (in multiples of " + sizes.grain()
                + ", halving first when the lowest step fails), closing subscribers to go down; "
                + (catchUp(profile) ? "steps an earlier repetition reached are measured after the search too"
                : "a step past one repetition's break is \"not measured\" (full measures it after the search)")
                + "; each size is settled by one broadcast (the first by "
                + sizes.warmUp() + ") and then measured over " + sizes.broadcasts() + " broadcasts, fewer only once"
                + " more than 5% of the receipts it would have are already late (the size cannot hold any more);"
                + " every size measured, steps and bisection, keeps its p95 in the break-point row's repetition ("
                + SIZE_P95 + "N in results.json), drawn in the search chart";
    }

    /**
     * Whether steps past a repetition's break that an earlier one reached are measured after the search, so the
     * row has every repetition: not in quick, where such a step took 15–29 s (opening thousands more subscribers
     * to a server past its bar; about a minute of run 20261207-113137's broadcast) and the row's point past the
     * break is the chart's, not the break point's.
     */
    static boolean catchUp(Profile profile) {
        return profile.pick(true, false, true);
    }

    private static Sizes sizes(Profile profile) {
        // a fresh JVM's first size is settled by a few broadcasts; at least 20 per size (issue 14): near the break
        // every broadcast takes about 300 ms, so they are 6 s a size (10 were tried for issue 13's budget)
        return new Sizes(profile.pick(3, 20, 50), profile.pick(5, 10, 200),
                profile.pick(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)),
                profile.pick(10, 100, 100));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        List<Integer> steps = steps(run.profile());
        try (SystemUnderTest sut = run.start(run.topology());
             WsClient client = LoadClients.find(CLIENT).create(run.setup().clientOptions());
             BroadcastLoad load = BroadcastLoad.open(client, sut.uri(Route.DIRECT))) {
            Climb climb = new Climb(run, sut, load, steps, rep, sizes(run.profile()));
            BreakPoint at = BreakPoint.find(steps, BreakPoint.tolerance(run.profile()), sizes(run.profile()).grain(),
                    climb::holds);
            if (catchUp(run.profile())) {
                climb.catchUp();
            }
            climb.failUnreached(at);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(HELD.key(), (double) at.held());
            if (!at.ladderRanOut()) {
                values.put(BREAK.key(), (double) at.failed());
            }
            values.put(PROBES.key(), (double) at.probes());
            climb.p95BySize.forEach((count, p95) -> values.put(SearchPointsByImpl.key(SIZE_P95, count), p95));
            run.record(HELD_ROW, rep, values);
            noteBound(run, at, steps);
            if (climb.lost != null) {
                run.note(HELD_ROW, "repetition " + rep + ": " + climb.lost + "; the search stopped there (the"
                        + " connections can no longer be trusted), so the figure is the last size that held");
            }
            sut.killServers(); // thousands of subscribers closed one by one would take seconds, measuring nothing
        }
    }

    /** A ladder that never broke gives a lower bound: say what stopped it, the open-file limit or the profile. */
    private static void noteBound(ScenarioRun run, BreakPoint at, List<Integer> steps) {
        if (!at.ladderRanOut()) {
            return;
        }
        long limit = OpenFileLimit.current().connectionsPerProcess();
        boolean fileLimited = limit - 1 <= FULL_MAX && steps.get(steps.size() - 1) >= (limit - 1) / 1000 * 1000;
        run.note(HELD_ROW, String.format("≥ %,d (%s): every size up to it held", at.held(),
                fileLimited ? "open-file limit" : "top of the " + run.profile().name() + " profile's steps"));
    }

    /**
     * @param grain the bisection's sizes are multiples of it
     */
    private record Sizes(int broadcasts, int warmUp, Duration patience, int grain) {
    }

    /**
     * One repetition's walk over sizes, as {@link BreakPoint} asks for them: grows or shrinks the subscribers,
     * measures, and records the sizes that are steps (a bisection's sizes differ from one repetition to the next,
     * so they make no rows; the search's result does). A lost message ends the walk: every later size fails.
     */
    private static final class Climb {
        private final ScenarioRun run;
        private final SystemUnderTest sut;
        private final BroadcastLoad load;
        private final List<Integer> steps;
        private final int rep;
        private final Sizes sizes;
        private final List<Integer> measuredSteps = new ArrayList<>();
        /** The p95 of every size measured, for the chart of the search (a bisection's sizes make no rows). */
        final Map<Integer, Double> p95BySize = new TreeMap<>();
        private boolean warm;
        /** Why a size lost a message; null while none did. */
        String lost;

        Climb(ScenarioRun run, SystemUnderTest sut, BroadcastLoad load, List<Integer> steps, int rep, Sizes sizes) {
            this.run = run;
            this.sut = sut;
            this.load = load;
            this.steps = steps;
            this.rep = rep;
            this.sizes = sizes;
        }

        boolean holds(int count) throws InterruptedException {
            if (lost != null) {
                return false;
            }
            Variant variant = variant(count);
            boolean step = steps.contains(count);
            if (step) {
                measuredSteps.add(count);
            }
            try {
                load.shrinkTo(count);
                load.growTo(count);
                awaitRegistered(sut, count + 1, sizes.patience());
                // a fresh JVM interprets at first; each size also settles its new connections
                repeat(load, warm ? 1 : sizes.warmUp(), sizes.patience());
                warm = true;
                load.cut();
                Measured m = measure(sut, load, sizes.broadcasts(), sizes.patience());
                p95BySize.put(count, m.values().get(P95.key()));
                if (step && !run.skip(variant)) {
                    run.record(variant, rep, m.values(), Map.of("receipt", Histograms.encode(m.receipts())));
                    if (m.broadcasts() < sizes.broadcasts()) {
                        run.note(variant, "some repetitions stopped after fewer than " + sizes.broadcasts()
                                + " broadcasts: more than 5% of the receipts were already later than "
                                + (int) HOLD_P95_MS + " ms");
                    }
                }
                return m.values().get(P95.key()) <= HOLD_P95_MS;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lost = "at " + count + " subscribers: " + sut.whyFailed(e);
                if (step) {
                    run.fail(variant, sut.whyFailed(e));
                }
                return false;
            }
        }

        /**
         * Measures the steps past this repetition's break that an earlier repetition reached, so that a row (a
         * point of the chart) is not lost to one slow repetition; past the bar, a size stops after its first
         * broadcast or two, so this costs little more than opening the connections.
         */
        void catchUp() throws InterruptedException {
            for (int count : steps) {
                if (!measuredSteps.contains(count) && !run.skip(variant(count)) && run.recorded(variant(count)) > 0) {
                    holds(count);
                }
            }
        }

        /** Steps past the break that no repetition reached yet: their rows cannot have every repetition. */
        void failUnreached(BreakPoint at) {
            for (int count : steps) {
                if (!measuredSteps.contains(count)) {
                    run.notMeasured(variant(count), "past the break: repetition " + rep + " broke below "
                            + String.format("%,d", at.failed()) + " subscribers");
                }
            }
        }
    }

    /**
     * Waits until the server's Hub counts exactly the connections open: a client sees its connection open when
     * the 101 arrives, and some servers (Jetty) register the endpoint only after sending it, so a broadcast sent
     * at once would miss connections that are not lost, only not there yet; after subscribers were closed, the
     * server must have let go of them, or it would still be writing to them.
     */
    private static void awaitRegistered(SystemUnderTest sut, int connections, Duration patience) throws Exception {
        ServerReplica server = sut.topology().replicas().get(0);
        long deadline = System.nanoTime() + patience.toNanos();
        int active = server.connectionsActive();
        while (active != connections && System.nanoTime() < deadline) {
            Thread.sleep(20);
            active = server.connectionsActive();
        }
        if (active != connections) {
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

    /**
     * Up to {@code broadcasts} broadcasts; stops early once more than 5% of the receipts all of them would bring
     * are already past the bar, since the p95 can then only be past it too (a size far past the break would
     * otherwise take seconds per broadcast to confirm what is certain).
     */
    private static Measured measure(SystemUnderTest sut, BroadcastLoad load, int broadcasts, Duration patience)
            throws Exception {
        double[] first = new double[broadcasts];
        double[] last = new double[broadcasts];
        long allowedLate = (long) (0.05 * broadcasts * load.subscribers());
        long bar = (long) (HOLD_P95_MS * 1e6);
        Histogram receipts = new Histogram(3);
        ResourceSampler sampler = sut.sample();
        int sent = 0;
        while (sent < broadcasts && receipts.getTotalCount() - receipts.getCountBetweenValues(0, bar) <= allowedLate) {
            BroadcastDelivery d = load.broadcast(patience);
            check(load, d, patience);
            first[sent] = d.firstMillis();
            last[sent] = d.lastMillis();
            sent++;
            receipts.add(load.cut());
            Thread.sleep(GAP.toMillis());
        }
        Map<String, ProcessUsage> usage = sampler.stop();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(P95.key(), receipts.getValueAtPercentile(95) / 1e6);
        values.put(P50.key(), receipts.getValueAtPercentile(50) / 1e6);
        values.put(P99.key(), receipts.getValueAtPercentile(99) / 1e6);
        first = Arrays.copyOf(first, sent);
        last = Arrays.copyOf(last, sent);
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
        return new Measured(values, receipts, sent);
    }

    /** One size's figures, every receipt's time in nanoseconds for results.json, and how many broadcasts ran. */
    private record Measured(Map<String, Double> values, Histogram receipts, int broadcasts) {
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
