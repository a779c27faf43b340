package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.BenchSetup;
import io.wsbench.bench.Profile;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class InterleavedTest {
    private static final Metric FIGURE = Metric.higher("msgs_per_s", "throughput", "msgs/s");
    private static final Variant CELL = Variant.of("size", "64 B");
    private static final List<String> IMPLS = List.of("netty", "jetty", "undertow", "java-websocket");

    /**
     * Four identical impls on a machine that gets 1% slower with every window: measured one impl after the
     * other, the last would look 12% slower than the first; interleaved, the drift falls on all alike.
     */
    @Test
    void aMachineThatDriftsFavoursNoImplOnceTheRepetitionsAreInterleaved() throws Exception {
        Profile fourRounds = new Profile("quick", Duration.ZERO, Duration.ZERO, 4, 4);
        AtomicInteger windows = new AtomicInteger();
        Map<String, Double> medians = run(fourRounds, windows, impl -> 1000.0 * (1 - 0.01 * windows.get()));

        double spread = medians.values().stream().mapToDouble(d -> d).max().orElseThrow()
                - medians.values().stream().mapToDouble(d -> d).min().orElseThrow();
        double drift = 1000.0 * 0.01 * (IMPLS.size() * 4 - 1);
        // one impl after another, the first's and the last's medians would be 3/4 of the whole drift apart
        assertThat(spread).isLessThan(drift / 4);
        assertThat(windows.get()).isEqualTo(16);
    }

    @Test
    void eachRoundStartsWithTheNextImpl() throws Exception {
        Profile threeRounds = new Profile("quick", Duration.ZERO, Duration.ZERO, 3, 3);
        List<String> order = new ArrayList<>();
        WindowClock clock = new WindowClock();
        List<Interleaved.Unit> units = new ArrayList<>();
        for (String impl : List.of("a", "b", "c")) {
            ScenarioRun run = new ScenarioRun(new FakeScenario(), impl, setup(threeRounds), clock);
            units.add(new Interleaved.Unit(run, List.of(CELL), (r, rep) -> {
                order.add(r.impl());
                r.record(CELL, rep, Map.of(FIGURE.key(), 1.0));
            }));
        }
        Interleaved.run(units, threeRounds.repetitions(), threeRounds.maxRepetitions(), FIGURE);
        assertThat(order).containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
    }

    @Test
    void aWideIntervalGetsMoreRepetitionsAndASteadyOneDoesNot() throws Exception {
        Profile threeToSix = new Profile("quick", Duration.ZERO, Duration.ZERO, 3, 6);
        WindowClock clock = new WindowClock();
        ScenarioRun steady = new ScenarioRun(new FakeScenario(), "steady", setup(threeToSix), clock);
        ScenarioRun noisy = new ScenarioRun(new FakeScenario(), "noisy", setup(threeToSix), clock);
        AtomicInteger noisyCalls = new AtomicInteger();
        Interleaved.run(List.of(
                new Interleaved.Unit(steady, List.of(CELL),
                        (r, rep) -> r.record(CELL, rep, Map.of(FIGURE.key(), 100.0))),
                new Interleaved.Unit(noisy, List.of(CELL), (r, rep) -> r.record(CELL, rep,
                        Map.of(FIGURE.key(), noisyCalls.incrementAndGet() % 2 == 0 ? 50.0 : 150.0)))),
                threeToSix.repetitions(), threeToSix.maxRepetitions(), FIGURE);
        assertThat(steady.recorded(CELL)).isEqualTo(3);
        assertThat(noisy.recorded(CELL)).isEqualTo(6);
    }

    @Test
    void aRepetitionThatThrowsFailsOnlyWhatItHadNotRecorded() throws Exception {
        Profile three = new Profile("quick", Duration.ZERO, Duration.ZERO, 3, 3);
        Variant other = Variant.of("size", "1 KiB");
        ScenarioRun run = new ScenarioRun(new FakeScenario(), "jetty", setup(three), new WindowClock());
        Interleaved.run(List.of(new Interleaved.Unit(run, List.of(CELL, other), (r, rep) -> {
            r.record(CELL, rep, Map.of(FIGURE.key(), 1.0));
            if (rep == 2) {
                throw new IllegalStateException("server died");
            }
            r.record(other, rep, Map.of(FIGURE.key(), 1.0));
        })), three.repetitions(), three.maxRepetitions(), FIGURE);
        List<Row> rows = run.rows(List.of(CELL, other));
        assertThat(rows.get(0).ok()).isTrue();
        assertThat(rows.get(0).repetitions()).hasSize(3);
        assertThat(rows.get(1).ok()).isFalse();
        assertThat(rows.get(1).reason()).contains("server died");
    }

    @Test
    void everyRecordedWindowKnowsItsPlaceInTheRun() throws Exception {
        Profile three = new Profile("quick", Duration.ZERO, Duration.ZERO, 3, 3);
        Map<String, Double> ignored = run(three, new AtomicInteger(), impl -> 1.0);
        assertThat(ignored).hasSize(IMPLS.size());
    }

    private static Map<String, Double> run(Profile profile, AtomicInteger windows, IntToDoubleFunction figure)
            throws InterruptedException {
        WindowClock clock = new WindowClock();
        List<Interleaved.Unit> units = new ArrayList<>();
        List<ScenarioRun> runs = new ArrayList<>();
        for (String impl : IMPLS) {
            ScenarioRun run = new ScenarioRun(new FakeScenario(), impl, setup(profile), clock);
            runs.add(run);
            units.add(new Interleaved.Unit(run, List.of(CELL), (r, rep) -> {
                r.record(CELL, rep, Map.of(FIGURE.key(), figure.applyAsDouble(rep)));
                windows.incrementAndGet();
            }));
        }
        Interleaved.run(units, profile.repetitions(), profile.maxRepetitions(), FIGURE);
        Map<String, Double> medians = new LinkedHashMap<>();
        List<Integer> orders = new ArrayList<>();
        for (ScenarioRun run : runs) {
            Row row = run.rows(List.of(CELL)).get(0);
            medians.put(run.impl(), row.summary(FIGURE.key()).map(Summary::median).orElseThrow());
            row.repetitions().forEach(r -> orders.add(r.window().order()));
        }
        assertThat(orders).doesNotHaveDuplicates().hasSize(IMPLS.size() * profile.repetitions());
        return medians;
    }

    private static BenchSetup setup(Profile profile) {
        return new BenchSetup(profile, null, null, List.of(), null, false, null);
    }

    private static final class FakeScenario implements Scenario {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String description() {
            return "a figure that drifts with the windows";
        }

        @Override
        public List<Metric> metrics() {
            return List.of(FIGURE);
        }

        @Override
        public List<Variant> variants(Profile profile) {
            return List.of(CELL);
        }

        @Override
        public void repetition(ScenarioRun run, int repetition) {
            throw new UnsupportedOperationException("the units measure");
        }

        @Override
        public String method(Profile profile) {
            return "fake";
        }
    }
}
