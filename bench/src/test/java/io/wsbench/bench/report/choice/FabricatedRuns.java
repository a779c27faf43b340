package io.wsbench.bench.report.choice;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Workaround;
import io.wsbench.bench.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Made-up runs in the shape of the real scenarios' results, with the figures each test needs. */
final class FabricatedRuns {
    static final List<String> IMPLS = List.of("netty", "jetty", "undertow", "java-websocket");

    private FabricatedRuns() {
    }

    static RunResult run(List<Workaround> workarounds, ScenarioResult... scenarios) {
        return run(IMPLS, workarounds, scenarios);
    }

    static RunResult run(List<String> impls, List<Workaround> workarounds, ScenarioResult... scenarios) {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of(), "netty (Netty)", "nginx/1.22.1", "template", new OpenFileLimit(20000, 20000), "",
                List.of(), List.of(), "mvn -pl bench verify", "");
        RunResult.Settings settings = new RunResult.Settings("quick", 500, 1500, 3, impls, List.of(), "netty",
                "mvn -pl bench verify");
        return new RunResult("20260101-000000-quick", "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", settings, env,
                List.of(), List.of(scenarios), "", List.of(), workarounds);
    }

    static RunResult run(ScenarioResult... scenarios) {
        return run(List.of(), scenarios);
    }

    /** One variant of {@code scenario}; the rows carry whatever metrics they were given. */
    static ScenarioResult scenario(Scenario scenario, Variant variant, Row... rows) {
        return new ScenarioResult(scenario.name(), "made up", scenario.metrics(), List.of(variant), List.of(rows));
    }

    /** An OK row: {@code figures} alternates metric key and its values, one per repetition. */
    static Row row(String impl, Variant variant, Object... figures) {
        Map<String, double[]> byMetric = new LinkedHashMap<>();
        for (int i = 0; i < figures.length; i += 2) {
            byMetric.put((String) figures[i], (double[]) figures[i + 1]);
        }
        int count = byMetric.values().iterator().next().length;
        List<Repetition> reps = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Map<String, Double> values = new LinkedHashMap<>();
            int rep = r;
            byMetric.forEach((k, v) -> values.put(k, v[rep]));
            reps.add(new Repetition(r + 1, values, Map.of()));
        }
        return new Row(impl, variant, Status.OK, "", false, reps, List.of());
    }

    static Row failed(String impl, Variant variant) {
        return new Row(impl, variant, Status.FAILED, "3 connections closed 1006", false, List.of(), List.of());
    }

    static double[] values(double... v) {
        return v;
    }
}
