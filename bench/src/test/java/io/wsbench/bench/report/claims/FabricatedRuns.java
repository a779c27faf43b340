package io.wsbench.bench.report.claims;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Made-up runs for the claims' judges: rows built from the scenarios' own {@link Metric} and {@link Variant}
 * constants, every repetition alike so the median is the figure given.
 */
final class FabricatedRuns {
    private FabricatedRuns() {
    }

    /** A run holding only {@code scenarios}. */
    static RunResult run(ScenarioResult... scenarios) {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of("netty", "Netty 4.2"), "jdk-httpclient (JDK)", "nginx/1.22.1", "template",
                new OpenFileLimit(20000, 20000), "", List.of("-Xmx1g"), List.of("-Xmx2g"), "mvn -pl bench verify", "");
        RunResult.Settings settings = new RunResult.Settings("quick", 500, 1500, 3, List.of("netty"),
                List.of(), "jdk-httpclient", "mvn -pl bench verify");
        return new RunResult("20260101-000000-quick", "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", settings, env,
                List.of(), List.of(scenarios), "events {}\n");
    }

    static ScenarioResult scenario(String name, List<Row> rows) {
        List<Variant> variants = rows.stream().map(Row::variant).distinct().toList();
        return new ScenarioResult(name, "fabricated", List.of(), variants, rows);
    }

    static Row ok(String impl, Variant variant, Map<Metric, Double> figures) {
        return row(impl, variant, figures, false);
    }

    /** A reference row (raw TCP, raw zlib): the judges read it apart from the impls. */
    static Row ceiling(String impl, Variant variant, Map<Metric, Double> figures) {
        return row(impl, variant, figures, true);
    }

    /** A row that failed: no figures, whatever it would have measured. */
    static Row failed(String impl, Variant variant) {
        return new Row(impl, variant, Status.FAILED, "server died", false, List.of(), List.of());
    }

    private static Row row(String impl, Variant variant, Map<Metric, Double> figures, boolean ceiling) {
        Map<String, Double> values = new LinkedHashMap<>();
        figures.forEach((m, v) -> values.put(m.key(), v));
        List<Repetition> reps = List.of(1, 2, 3).stream()
                .map(i -> new Repetition(i, values, Map.of())).toList();
        return new Row(impl, variant, Status.OK, "", ceiling, reps, List.of());
    }
}
