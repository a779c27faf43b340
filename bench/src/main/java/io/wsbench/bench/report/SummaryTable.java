package io.wsbench.bench.report;

import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Verification;
import java.util.List;

/** What the terminal shows at the end of a run: each scenario's overview tables, medians and ratios. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(RunResult run, String reportLocation) {
        StringBuilder s = new StringBuilder();
        String rule = "=".repeat(78);
        s.append('\n').append(rule).append('\n');
        s.append("wsbench ").append(run.runId()).append(" (profile ").append(run.settings().profile()).append(", ")
                .append(run.settings().repetitions()).append(" repetitions, medians)\n");
        run.environment().lines().forEach(l -> s.append("  ").append(l).append('\n'));
        List<Verification> failed = run.verification().stream().filter(v -> !v.passed()).toList();
        failed.forEach(v -> s.append("  verify FAILED ").append(v.impl()).append(": ").append(v.reason()).append('\n'));
        for (ScenarioResult result : run.scenarios()) {
            s.append('\n').append(result.name()).append('\n');
            ScenarioTables tables = new ScenarioTables(result, false);
            for (ScenarioTables.Titled t : tables.overview()) {
                s.append('\n').append(t.title()).append('\n').append(t.table().text());
            }
            tables.footnotes().forEach(f -> s.append(f).append('\n'));
        }
        s.append('\n').append("report: ").append(reportLocation).append('\n').append(rule).append('\n');
        return s.toString();
    }
}
