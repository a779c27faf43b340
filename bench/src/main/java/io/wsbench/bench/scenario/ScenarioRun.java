package io.wsbench.bench.scenario;

import io.wsbench.bench.BenchSetup;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.machine.CpuPinning;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.WarmUp;
import io.wsbench.bench.result.Window;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link Scenario} gets for measuring one impl: the profile, the servers to start, the load client, and
 * where its figures go. Collects one row per variant; the runner turns them into the scenario's result. The rows
 * are named after the impl, except in a load-clients scenario (named after the client) and for a
 * {@link Ceiling} (named after it, and marked as the ceiling).
 */
public final class ScenarioRun {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    private final Scenario scenario;
    private final String impl;
    private final BenchSetup setup;
    private final String rowName;
    private final boolean ceiling;
    private final WindowClock clock;
    private final Map<Variant, Draft> drafts = new LinkedHashMap<>();

    public ScenarioRun(Scenario scenario, String impl, BenchSetup setup, WindowClock clock) {
        this(scenario, impl, setup, impl, false, clock);
    }

    private ScenarioRun(Scenario scenario, String impl, BenchSetup setup, String rowName, boolean ceiling,
                        WindowClock clock) {
        this.scenario = scenario;
        this.impl = impl;
        this.setup = setup;
        this.rowName = rowName;
        this.ceiling = ceiling;
        this.clock = clock;
    }

    /** Rows named after {@code setup}'s load client, measured against {@code server}. */
    public static ScenarioRun forLoadClient(Scenario scenario, String server, BenchSetup setup, WindowClock clock) {
        return new ScenarioRun(scenario, server, setup, setup.client().name(), false, clock);
    }

    /** The ceiling's rows; {@link #impl()} is the ceiling's name (it starts no impl). */
    public static ScenarioRun forCeiling(Scenario scenario, Ceiling ceiling, BenchSetup setup, WindowClock clock) {
        return new ScenarioRun(scenario, ceiling.name(), setup, ceiling.name(), true, clock);
    }

    /** The rows' name: the impl, the load client or the ceiling. */
    public String rowName() {
        return rowName;
    }

    /**
     * {@code items} rotated by one place per repetition: the variants (or routes) measured in one server JVM start
     * with a different one each time, so the first window of a fresh JVM is not always the same cell.
     */
    public static <T> List<T> rotated(List<T> items, int repetition) {
        if (items.isEmpty()) {
            return items;
        }
        int shift = Math.floorMod(repetition - 1, items.size());
        List<T> out = new ArrayList<>(items.subList(shift, items.size()));
        out.addAll(items.subList(0, shift));
        return out;
    }

    public Scenario scenario() {
        return scenario;
    }

    public String impl() {
        return impl;
    }

    public Profile profile() {
        return setup.profile();
    }

    public BenchSetup setup() {
        return setup;
    }

    /** The repetitions every row needs: the scenario's for this profile. */
    public int repetitions() {
        return scenario.repetitions(profile());
    }

    /** One replica of this impl with the bench's JVM flags and nginx settings. */
    public TopologyConfig topology() {
        return setup.topology(impl);
    }

    /** Starts {@code config} pinned to the server CPUs; close it to stop every process. */
    public SystemUnderTest start(TopologyConfig config) throws IOException {
        return start(config, setup.pinning());
    }

    /** Starts {@code config} with its server side pinned as {@code pinning} says; close it to stop every process. */
    public SystemUnderTest start(TopologyConfig config, CpuPinning pinning) throws IOException {
        return SystemUnderTest.start(config, pinning, setup.nginxConf());
    }

    /**
     * Starts every config at once and returns them, in order, once all are up: a JVM start is most of the time of
     * a scenario that needs several server configs per repetition, and with every start done before anything is
     * measured no start's CPU falls on a measured window. If one fails, the others are closed and its error is
     * thrown. The caller owns (closes) the rest.
     */
    public List<SystemUnderTest> startAll(List<TopologyConfig> configs) throws Exception {
        List<CompletableFuture<SystemUnderTest>> starting = configs.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return start(c);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })).toList();
        List<SystemUnderTest> started = new ArrayList<>();
        Exception failure = null;
        for (int i = 0; i < starting.size(); i++) {
            try {
                started.add(starting.get(i).get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                failure = failure != null ? failure : cause instanceof Exception x ? x : e;
            } catch (InterruptedException e) {
                failure = e;
                starting.subList(i, starting.size()).forEach(s -> s.thenAccept(SystemUnderTest::close));
                break;
            }
        }
        if (failure != null) {
            started.forEach(SystemUnderTest::close);
            throw failure;
        }
        return started;
    }

    /** One started server's part of a repetition; {@code index} is its config's place in the list. */
    @FunctionalInterface
    public interface Measurement {
        void measure(int index, SystemUnderTest sut) throws Exception;
    }

    /** Why a config's part of a repetition has no figures: its JVM did not start, or its measurement threw. */
    @FunctionalInterface
    public interface Failure {
        void failed(int index, Exception why);
    }

    /**
     * {@link #startAll Starts every config at once} (a JVM start is seconds, and with every start done first no
     * start's CPU falls on a measured window), then measures them one after the other, closing each when its
     * part is done. A failed start is a {@code failure} of every index; a measurement that throws is one of its
     * own, and the next config is still measured. An interrupt closes the rest and ends the repetition.
     */
    public void measureEach(List<TopologyConfig> configs, Measurement measurement, Failure failure)
            throws InterruptedException {
        List<SystemUnderTest> servers;
        try {
            servers = startAll(configs);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            for (int i = 0; i < configs.size(); i++) {
                failure.failed(i, e);
            }
            return;
        }
        for (int i = 0; i < servers.size(); i++) {
            try (SystemUnderTest sut = servers.get(i)) {
                measurement.measure(i, sut);
            } catch (InterruptedException e) {
                servers.subList(i + 1, servers.size()).forEach(SystemUnderTest::close);
                throw e;
            } catch (Exception e) {
                failure.failed(i, e);
            }
        }
    }

    /** A new load client (the run's {@code -Dbench.client}), trusting the sut's certificate when the route is TLS. */
    public WsClient client(SystemUnderTest sut, Route route) throws Exception {
        ClientOptions options = setup.clientOptions();
        return setup.client().create(route.tls() ? options.withTls(sut.trust()) : options);
    }

    /** One repetition's figures for {@code variant}; prints the progress line. */
    public void record(Variant variant, int repetition, Map<String, Double> values) {
        record(variant, repetition, values, Map.of());
    }

    /** As {@link #record(Variant, int, Map)}, keeping latency histograms (compressed, base64) in results.json. */
    public void record(Variant variant, int repetition, Map<String, Double> values, Map<String, String> histograms) {
        record(variant, repetition, values, histograms, null);
    }

    /** As {@link #record(Variant, int, Map, Map)}, with the steady-state warm-up that came before the window. */
    public void record(Variant variant, int repetition, Map<String, Double> values, Map<String, String> histograms,
                       WarmUp warmUp) {
        Window window = clock.next(warmUp);
        draft(variant).repetitions.add(new Repetition(repetition, values, histograms, window));
        LOG.info("{} {} | {} | rep {} (#{}{}): {}", scenario.name(), rowName, variant.label(), repetition,
                window.order(), warmUp == null ? "" : String.format(Locale.ROOT, ", warm-up %.1f s%s",
                        warmUp.seconds(), warmUp.steady() ? "" : " not steady"), describe(values));
    }

    /** How many repetitions {@code variant} has recorded. */
    public int recorded(Variant variant) {
        return draft(variant).repetitions.size();
    }

    /**
     * The widest headline interval among this run's variants that are still measured, as a share of the median
     * ({@link Summary#relativeHalfWidth()}); 0 when none is measured.
     */
    public double widestInterval(Metric headline) {
        double widest = 0;
        for (Draft d : drafts.values()) {
            if (d.status != Status.OK) {
                continue;
            }
            List<Double> values = d.repetitions.stream().map(r -> r.values().get(headline.key()))
                    .filter(v -> v != null && !v.isNaN()).toList();
            if (values.size() >= 2) {
                widest = Math.max(widest, Summary.of(values).relativeHalfWidth());
            }
        }
        return widest;
    }

    /** The variant failed: its row shows {@code reason} and no numbers. The first reason given is kept. */
    public void fail(Variant variant, String reason) {
        if (close(variant, Status.FAILED, reason)) {
            LOG.warn("{} {} | {} | FAILED: {}", scenario.name(), rowName, variant.label(), reason);
        }
    }

    /**
     * Not measured by choice, not a failure (a step past an impl's break point): the row says why, and counts
     * neither as a figure nor as a failed row. Its repetitions so far are dropped with it.
     */
    public void notMeasured(Variant variant, String reason) {
        if (close(variant, Status.NOT_MEASURED, reason)) {
            LOG.info("{} {} | {} | not measured: {}", scenario.name(), rowName, variant.label(), reason);
        }
    }

    /** Ends a row still measured with {@code status}; false when it had already ended (its reason is kept). */
    private boolean close(Variant variant, Status status, String reason) {
        Draft d = draft(variant);
        if (d.status != Status.OK) {
            return false;
        }
        d.status = status;
        d.reason = reason;
        return true;
    }

    /** The scenario does not apply to this stack (JVM code benchmarked for a reference server); the row says so. */
    public void notApplicable(Variant variant, String reason) {
        Draft d = draft(variant);
        if (d.status == Status.NOT_APPLICABLE) {
            return; // said in an earlier repetition
        }
        d.status = Status.NOT_APPLICABLE;
        d.reason = reason;
        LOG.info("{} {} | {} | not applicable: {}", scenario.name(), rowName, variant.label(), reason);
    }

    /** The impl declares it cannot do this; the row says so. */
    public void notSupported(Variant variant, String reason) {
        Draft d = draft(variant);
        d.status = Status.NOT_SUPPORTED;
        d.reason = reason;
        LOG.info("{} {} | {} | not supported: {}", scenario.name(), rowName, variant.label(), reason);
    }

    /** Whether the variant already failed or is not supported: skip it in later repetitions. */
    public boolean skip(Variant variant) {
        return draft(variant).status != Status.OK;
    }

    /** A remark printed under the table for this row (said once however often it is given). */
    public void note(Variant variant, String note) {
        draft(variant).notes.add(note);
    }

    /** Fails every declared variant that is still incomplete; the scenario threw or the impl did not verify. */
    public void abort(List<Variant> declared, String reason) {
        for (Variant v : declared) {
            if (draft(v).repetitions.size() < repetitions()) {
                fail(v, reason);
            }
        }
    }

    /** Repetition {@code repetition} threw: every declared variant it had not recorded yet fails. */
    public void abortRepetition(List<Variant> declared, int repetition, String reason) {
        for (Variant v : declared) {
            if (draft(v).repetitions.stream().noneMatch(r -> r.index() == repetition)) {
                fail(v, reason);
            }
        }
    }

    /** The rows: declared variants first, in order; a variant with too few repetitions is a failed row. */
    public List<Row> rows(List<Variant> declared) {
        Set<Variant> order = new LinkedHashSet<>(declared);
        order.addAll(drafts.keySet());
        List<Row> rows = new ArrayList<>();
        for (Variant v : order) {
            Draft d = draft(v);
            Status status = d.status;
            String reason = d.reason;
            if (status == Status.OK && d.repetitions.size() < repetitions()) {
                status = Status.FAILED;
                reason = d.repetitions.isEmpty() ? "no repetition recorded"
                        : "only " + d.repetitions.size() + " of " + repetitions() + " repetitions completed";
            }
            rows.add(new Row(rowName, v, status, reason, ceiling, d.repetitions, List.copyOf(d.notes)));
        }
        return rows;
    }

    private Draft draft(Variant variant) {
        return drafts.computeIfAbsent(variant, v -> new Draft());
    }

    private String describe(Map<String, Double> values) {
        return scenario.metrics().stream().filter(m -> values.containsKey(m.key()))
                .map(m -> Format.labelled(m, values.get(m.key())))
                .collect(Collectors.joining(", "));
    }

    private static final class Draft {
        final List<Repetition> repetitions = new ArrayList<>();
        final Set<String> notes = new LinkedHashSet<>();
        Status status = Status.OK;
        String reason = "";
    }
}
