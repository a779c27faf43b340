package io.wsbench.bench.report;

import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.scenario.Scenario;
import io.wsbench.bench.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run: {@code <out>/<run-id>/results.json} first, then everything else from that file alone (read
 * back, so the README can always be regenerated from the JSON): a CSV pair per scenario, the .hgrm latency
 * distributions, the PNG charts, and {@code <out>/README.md} for the latest run.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** @return the README written */
    public static Path write(RunResult run, Path out) throws IOException {
        Path runDir = out.resolve(run.runId());
        Path json = runDir.resolve("results.json");
        ResultsJson.write(run, json);
        return regenerate(json);
    }

    /**
     * Regenerates a committed run's report from its results.json alone (after a change to the report code):
     * {@code java -cp <bench classpath> io.wsbench.bench.report.ReportWriter results/<run>/results.json}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReportWriter <run directory>/results.json");
            System.exit(2);
        }
        System.out.println("report: " + regenerate(Path.of(args[0])));
    }

    /** Rewrites everything derived from {@code results.json}; the README goes next to the run directory. */
    public static Path regenerate(Path json) throws IOException {
        RunResult run = ResultsJson.read(json);
        Path runDir = json.toAbsolutePath().getParent();
        if (!run.nginxConf().isEmpty()) {
            Files.writeString(runDir.resolve("nginx.conf"), run.nginxConf());
        }
        Map<String, List<ChartWriter.Written>> charts = new LinkedHashMap<>();
        for (ScenarioResult result : run.scenarios()) {
            CsvFiles.write(result, runDir);
            HistogramFiles.write(result, runDir);
            Optional<Scenario> scenario = Scenarios.find(result.name());
            if (scenario.isPresent()) {
                charts.put(result.name(), ChartWriter.write(scenario.get(), result, runDir));
            }
        }
        Path readme = runDir.getParent().resolve("README.md");
        Files.writeString(readme, ReadmeWriter.render(run, runDir.getFileName().toString(), charts));
        return readme;
    }
}
