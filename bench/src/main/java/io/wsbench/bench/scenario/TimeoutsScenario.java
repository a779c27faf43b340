package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.ServerConfig;
import io.wsbench.topology.TopologyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The design notes' timeout rules as measured figures (SPEC §4 "timeouts"), on a clock scaled down so a
 * repetition takes seconds: dead-peer detection against PONG_WAIT, idle connections through nginx with server
 * pings on and off against proxy_read_timeout, and slow consumers against WRITE_WAIT and MAX_QUEUED_BYTES with the
 * server's memory per slow client. The misbehaving peers are {@link io.wsbench.bench.load.MisbehavingPeers}.
 *
 * <p>Each repetition starts two servers (and their nginx) at once: one with pings on (dead peers, idle with
 * pings) and one with pings off (nginx cutting idle tunnels, slow consumers, whose PONG_WAIT must not fire
 * first); the first server's variants run alongside the second's. Smoke keeps one pair for all its repetitions.
 */
public final class TimeoutsScenario implements Scenario {
    static final String CASE = "case";
    /** The name in results.json, and what the design claims look the results up by. */
    public static final String NAME = "timeouts";
    static final String ROUTE = "route";

    /**
     * The scaled settings: production's 30 s / 60 s / 15 s / 90 s divided by about 60, kept at 250 ms and up
     * because the 2-core machine's scheduling noise is tens of milliseconds. PONG_WAIT is deliberately above
     * proxy_read_timeout (the notes say it must be below) while PING_PERIOD stays well below it (issue 3's rule).
     */
    static final Duration PING_PERIOD = Duration.ofMillis(250);
    static final Duration PONG_WAIT = Duration.ofMillis(1500);
    static final Duration WRITE_WAIT = Duration.ofSeconds(1);
    static final Duration PROXY_READ_TIMEOUT = Duration.ofSeconds(1);
    /** MAX_QUEUED_BYTES: the SPEC default, 1 MiB. */
    static final long MAX_QUEUED_BYTES = ServerConfig.defaults().maxQueuedBytes();
    /** How many proxy_read_timeouts an idle connection with pings must outlive. */
    static final int IDLE_PERIODS = 3;
    /** With pings off the server would otherwise close the idle client itself at PONG_WAIT. */
    static final Duration PONG_WAIT_PINGS_OFF = Duration.ofSeconds(60);
    /** A connection not closed after this many times its limit is reported as "not closed". */
    static final int PATIENCE_FACTOR = 4;

    /** Below 1 MiB/s: the queue cannot reach MAX_QUEUED_BYTES within WRITE_WAIT, so the write deadline should fire. */
    static final SlowPush TRICKLE = new SlowPush(4 * 1024, Duration.ofMillis(10));
    /** 1 MiB queued in about 0.3 s: MAX_QUEUED_BYTES should fire well before WRITE_WAIT. */
    static final SlowPush FLOOD = new SlowPush(32 * 1024, Duration.ofMillis(10));

    public static final Metric CLOSE_P50 = Metric.context("close_p50_ratio", "close p50 ÷ limit", "×");
    public static final Metric CLOSE_P99 = Metric.context("close_p99_ratio", "close p99 ÷ limit", "×");
    public static final Metric CLOSE_MAX = Metric.context("close_max_ratio", "close max ÷ limit", "×");
    static final Metric CLOSE_P50_MS = Metric.context("close_p50_ms", "close p50", "ms");
    static final Metric CLOSE_P99_MS = Metric.context("close_p99_ms", "close p99", "ms");
    static final Metric NOT_CLOSED = Metric.context("not_closed_pct", "not closed in " + PATIENCE_FACTOR
            + "× limit", "%");
    public static final Metric SURVIVED = Metric.higher("survived_pct", "survived", "%");
    static final Metric PINGS = Metric.context("pings_per_connection", "pings received per connection", "");
    static final Metric CLOSE_CODE = Metric.closeCode("close_code", "close code (most)");
    public static final Metric BY_WRITE_WAIT = Metric.context("by_write_wait_pct", "closed by WRITE_WAIT", "%");
    static final Metric BY_QUEUE = Metric.context("by_max_queued_pct", "closed by MAX_QUEUED_BYTES", "%");
    static final Metric SLOW_COUNTED = Metric.context("slow_consumer_metric_pct", "slow-consumer metric",
            "% of clients");
    static final Metric PUSH_RATE = Metric.context("push_kib_per_s", "push offered", "KiB/s per client");
    static final Metric PUSHED = Metric.context("offered_before_close_kib", "offered before close p50", "KiB");
    public static final Metric HEAP_PEAK = Metric.lower("heap_peak_per_client_kib", "heap peak per slow client", "KiB");
    public static final Metric RSS_PEAK = Metric.lower("rss_peak_per_client_kib", "RSS peak per slow client", "KiB");

    // Short case names: they are the chart's category labels. "read timeout" is nginx's proxy_read_timeout.
    public static final Variant DEAD_DIRECT = Variant.of(CASE, "dead peer ÷ PONG_WAIT " + secs(PONG_WAIT), ROUTE,
            Route.DIRECT.label());
    public static final Variant DEAD_NGINX = Variant.of(CASE, DEAD_DIRECT.get(CASE), ROUTE, Route.NGINX.label());
    public static final Variant IDLE_PINGS = Variant.of(CASE, "idle, ping " + secs(PING_PERIOD) + ", " + IDLE_PERIODS
            + " × read timeout " + secs(PROXY_READ_TIMEOUT), ROUTE, Route.NGINX.label());
    public static final Variant IDLE_NO_PINGS = Variant.of(CASE, "idle, no pings ÷ read timeout "
            + secs(PROXY_READ_TIMEOUT), ROUTE, Route.NGINX.label());
    public static final Variant SLOW_TRICKLE = Variant.of(CASE, "slow " + TRICKLE.label() + " ÷ WRITE_WAIT "
            + secs(WRITE_WAIT), ROUTE, Route.DIRECT.label());
    public static final Variant SLOW_FLOOD = Variant.of(CASE, "slow " + FLOOD.label() + " ÷ WRITE_WAIT "
            + secs(WRITE_WAIT), ROUTE, Route.DIRECT.label());

    /** One slow-consumer push: a message of {@code size} bytes to every client every {@code period}. */
    record SlowPush(int size, Duration period) {
        double kibPerSecond() {
            return size / 1024.0 * 1e9 / period.toNanos();
        }

        String label() {
            double kib = kibPerSecond();
            return kib >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f MiB/s", kib / 1024)
                    : String.format(java.util.Locale.ROOT, "%.0f KiB/s", kib);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Timeouts on a scaled clock (PING_PERIOD " + secs(PING_PERIOD) + ", PONG_WAIT " + secs(PONG_WAIT)
                + ", WRITE_WAIT " + secs(WRITE_WAIT) + ", MAX_QUEUED_BYTES 1 MiB, nginx proxy_read_timeout "
                + secs(PROXY_READ_TIMEOUT) + ": production's 30/60/15/90 s divided by about 60, PONG_WAIT put"
                + " above proxy_read_timeout on purpose), read as ratios to the limit so they transfer to"
                + " production values (\"read timeout\" in the case names is proxy_read_timeout). Dead peers"
                + " answer no pings (their kernel still ACKs): time from their handshake to the close they see."
                + " Idle clients through nginx answer pings: share still open after " + IDLE_PERIODS
                + " × proxy_read_timeout; with the server's pings off, when nginx cuts them. Slow"
                + " consumers stop reading (4 KiB receive buffer, MSS 1400 as on a real path: loopback's 64 KiB MSS"
                + " lets Linux queue megabytes in the server's kernel first) while a broadcast is pushed at a set"
                + " rate: time from the first push to the close the server's /metrics shows (read every 20 ms),"
                + " which limit the server's log names, and the server's heap (not after GC: an upper bound) and"
                + " RSS peak over its idle baseline per slow client. It lies when the machine stalls timers (the"
                + " ratios grow, most in the max), and nginx re-arms its timer lazily (up to 300 ms), which"
                + " matters on a one-second clock and not on a 90 s one.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(CLOSE_P50, CLOSE_P99, CLOSE_MAX, CLOSE_P50_MS, CLOSE_P99_MS, NOT_CLOSED, SURVIVED, PINGS,
                CLOSE_CODE, BY_WRITE_WAIT, BY_QUEUE, SLOW_COUNTED, PUSH_RATE, PUSHED, HEAP_PEAK, RSS_PEAK);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return List.of(DEAD_DIRECT, DEAD_NGINX, IDLE_PINGS, IDLE_NO_PINGS, SLOW_TRICKLE, SLOW_FLOOD);
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("close-vs-limit", CLOSE_P50.key(), CASE, ROUTE));
    }

    @Override
    public String method(Profile profile) {
        return "per repetition a fresh pair of server JVMs (pings on, pings off), each behind its nginx, started"
                + " and warmed up together; the pings-on cases run alongside the pings-off ones, on a scaled clock";
    }

    /** Its figures are behaviour against a limit, not a ranking: the profile's repetitions suffice. */
    @Override
    public boolean adaptive() {
        return false;
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Profile profile = run.profile();
        int peers = profile.pick(10, 100, 200);
        int slowPeers = profile.pick(5, 20, 50);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wsbench-timeouts");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Variant, Outcome> outcomes;
            try (Servers servers = Servers.start(run, pool)) {
                outcomes = repetition(run, pool, servers, peers, slowPeers);
            }
            for (Map.Entry<Variant, Outcome> e : outcomes.entrySet()) {
                e.getValue().report(run, e.getKey(), rep);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The pings-on server's variants run alongside the pings-off server's. */
    private static Map<Variant, Outcome> repetition(ScenarioRun run, ExecutorService pool, Servers servers, int peers,
                                                    int slowPeers) throws Exception {
        Map<Variant, Outcome> outcomes = new LinkedHashMap<>();
        TimeoutMeasurements on = servers.pingsOn();
        TimeoutMeasurements off = servers.pingsOff();
        List<Future<?>> alongside = new ArrayList<>();
        alongside.add(measure(run, pool, outcomes, DEAD_DIRECT, on, () -> on.deadPeers(Route.DIRECT, peers)));
        alongside.add(measure(run, pool, outcomes, DEAD_NGINX, on, () -> on.deadPeers(Route.NGINX, peers)));
        alongside.add(measure(run, pool, outcomes, IDLE_PINGS, on, () -> on.idleWithPings(peers)));
        measureNow(run, outcomes, IDLE_NO_PINGS, off, () -> off.idleWithoutPings(peers));
        measureNow(run, outcomes, SLOW_TRICKLE, off, () -> off.slowConsumers(slowPeers, TRICKLE));
        measureNow(run, outcomes, SLOW_FLOOD, off, () -> off.slowConsumers(slowPeers, FLOOD));
        for (Future<?> f : alongside) {
            f.get();
        }
        return outcomes;
    }

    /** The two servers (each with its nginx), started together and warmed up; closing stops both. */
    private record Servers(SystemUnderTest on, SystemUnderTest off, TimeoutMeasurements pingsOn,
                           TimeoutMeasurements pingsOff) implements AutoCloseable {

        static Servers start(ScenarioRun run, ExecutorService pool) throws Exception {
            Future<SystemUnderTest> pingsOnStart = pool.submit(() -> run.start(pingsOnConfig(run)));
            SystemUnderTest off;
            try {
                off = run.start(pingsOffConfig(run));
            } catch (Exception e) {
                closeWhenStarted(pingsOnStart);
                throw e;
            }
            SystemUnderTest on;
            try {
                on = join(pingsOnStart);
            } catch (Exception e) {
                off.close();
                throw e;
            }
            Servers servers = new Servers(on, off, new TimeoutMeasurements(on), new TimeoutMeasurements(off));
            try {
                Future<?> warming = pool.submit(servers.pingsOn()::warmUp);
                servers.pingsOff().warmUp();
                warming.get();
                return servers;
            } catch (Exception e) {
                servers.close();
                throw e;
            }
        }

        /** Stops both at once: each waits for its JVM to exit after closing its clients with 1001. */
        @Override
        public void close() {
            Thread stopping = new Thread(on::close, "wsbench-timeouts-stop");
            stopping.start();
            try {
                off.close();
            } finally {
                try {
                    stopping.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void closeWhenStarted(Future<SystemUnderTest> starting) {
        try {
            starting.get().close();
        } catch (Exception ignored) {
            // it failed to start as well: nothing to stop
        }
    }

    /** The server with pings on: dead peers and idle clients with pings. */
    private static TopologyConfig pingsOnConfig(ScenarioRun run) {
        TopologyConfig base = run.topology();
        return base.withServer(base.server().withHeartbeat(PING_PERIOD, PONG_WAIT).withWriteWait(WRITE_WAIT)
                .withMaxQueuedBytes(MAX_QUEUED_BYTES))
                .withNginx(base.nginx().withProxyTimeouts(PROXY_READ_TIMEOUT));
    }

    /** The server with pings off: nginx cutting idle tunnels, slow consumers (no PONG_WAIT to beat WRITE_WAIT). */
    private static TopologyConfig pingsOffConfig(ScenarioRun run) {
        TopologyConfig base = run.topology();
        return base.withServer(base.server().withHeartbeat(Duration.ZERO, PONG_WAIT_PINGS_OFF)
                        .withWriteWait(WRITE_WAIT).withMaxQueuedBytes(MAX_QUEUED_BYTES))
                .withNginx(base.nginx().withProxyTimeouts(PROXY_READ_TIMEOUT));
    }

    private static SystemUnderTest join(Future<SystemUnderTest> started) throws Exception {
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Measures {@code variant} on a thread of its own (unless it already failed); the outcome is kept. */
    private static Future<?> measure(ScenarioRun run, ExecutorService pool, Map<Variant, Outcome> outcomes,
                                     Variant variant, TimeoutMeasurements on, TimeoutMeasurements.Measurement m) {
        if (run.skip(variant)) {
            return CompletableFuture.completedFuture(null);
        }
        return pool.submit(() -> measureNow(run, outcomes, variant, on, m));
    }

    private static void measureNow(ScenarioRun run, Map<Variant, Outcome> outcomes, Variant variant,
                                   TimeoutMeasurements on, TimeoutMeasurements.Measurement m) {
        if (!run.skip(variant)) {
            Outcome o = Outcome.of(m, on.sut());
            synchronized (outcomes) {
                outcomes.put(variant, o);
            }
        }
    }

    /** One variant's figures in one repetition, or why there are none; handed to the run on the main thread. */
    record Outcome(Map<String, Double> values, List<String> notes, String failure) {
        static Outcome of(TimeoutMeasurements.Measurement m, SystemUnderTest sut) {
            try {
                TimeoutMeasurements.Measured measured = m.measure();
                return new Outcome(measured.values(), measured.notes(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Map.of(), List.of(), "interrupted");
            } catch (Exception e) {
                return new Outcome(Map.of(), List.of(), sut.whyFailed(e));
            }
        }

        void report(ScenarioRun run, Variant variant, int rep) {
            if (failure != null) {
                run.fail(variant, failure);
            } else {
                notes.forEach(n -> run.note(variant, n));
                run.record(variant, rep, values);
            }
        }
    }

    static String secs(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() < 1000 ? d.toMillis() + " ms"
                : (d.toMillis() / 1000.0) + " s";
    }
}
