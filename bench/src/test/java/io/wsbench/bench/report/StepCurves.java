package io.wsbench.bench.report;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import java.util.List;
import java.util.Map;

/** A made-up result in the broadcast scenario's shape: numeric steps, then a summary row with its own metric. */
final class StepCurves {
    static final Variant STEP_500 = Variant.of("subscribers", "500");
    static final Variant STEP_1000 = Variant.of("subscribers", "1000");
    static final Variant HELD = Variant.of("subscribers", "most at p95 ≤ 250 ms");

    private StepCurves() {
    }

    static ScenarioResult broadcast() {
        List<Metric> metrics = List.of(Metric.lower("p95_ms", "p95", "ms"),
                Metric.higher("held", "most held", "subscribers"));
        List<Row> rows = List.of(
                row("netty", STEP_500, "p95_ms", 10), row("netty", STEP_1000, "p95_ms", 20),
                row("netty", HELD, "held", 1000),
                row("jetty", STEP_500, "p95_ms", 20),
                new Row("jetty", STEP_1000, Status.FAILED, "3 of 1000 subscribers did not receive a broadcast", false,
                        List.of(), List.of()),
                row("jetty", HELD, "held", 500));
        return new ScenarioResult("broadcast", "Broadcast (test).", metrics, List.of(STEP_500, STEP_1000, HELD),
                rows);
    }

    private static Row row(String impl, Variant v, String key, double value) {
        List<Repetition> reps = List.of(new Repetition(1, Map.of(key, value), Map.of()),
                new Repetition(2, Map.of(key, value), Map.of()), new Repetition(3, Map.of(key, value), Map.of()));
        return new Row(impl, v, Status.OK, "", false, reps, List.of());
    }
}
