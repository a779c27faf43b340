package io.wsbench.bench.report;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.report.claims.Claim;
import io.wsbench.bench.report.claims.DesignClaims;
import io.wsbench.bench.report.claims.Verdict;
import io.wsbench.bench.report.choice.WhichStack;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Verification;
import java.util.List;
import java.util.Map;

/**
 * results/README.md: the latest run's tables, regenerated from its results.json. Per scenario: what it
 * measures, the environment and exact command, the overview tables (impls as rows, ratio to the best), the
 * charts, then every metric per variant.
 */
public final class ReadmeWriter {
    private ReadmeWriter() {
    }

    /**
     * @param runDir the run directory relative to the README ({@code 20261122-221500-quick})
     * @param charts scenario name to its charts (paths relative to the run directory)
     */
    public static String render(RunResult run, String runDir, Map<String, List<ChartWriter.Written>> charts) {
        StringBuilder md = new StringBuilder();
        RunResult.Settings s = run.settings();
        md.append("# wsbench results\n\n");
        md.append(WhichStack.markdown(run));
        md.append("Written by the bench (`mvn -pl bench verify`) from [`").append(runDir).append("/results.json`](")
                .append(runDir).append("/results.json); nothing here is edited by hand, the next run replaces it.\n\n");
        md.append("Run `").append(run.runId()).append("`, profile **").append(s.profile()).append("**: ")
                .append(s.repetitions()).append(" repetitions per figure")
                .append(s.maxRepetitions() > s.repetitions() ? ", up to " + s.maxRepetitions() + " where the"
                        + " headline's 95% interval was wider than ±5%" : "")
                .append(" (each scenario's **Repetitions** line says what its rows took)")
                .append(", the impls interleaved (repetition k of every impl before k + 1, in an order rotated each")
                .append(" time). Every figure is the median of its repetitions with its 95% interval [low–high], a")
                .append(" percentile bootstrap over the repetitions (each scenario says what a repetition is: mostly")
                .append(" a fresh server JVM); \"×ratio\" compares medians of this run where the intervals do not")
                .append(" overlap and the medians are more than ").append(Format.percent(Summary.EQUIVALENCE))
                .append(" apart, and \"≈ best\" says the data cannot tell the row from the best (a figure whose")
                .append(" repetitions agree to a fraction of a percent, a seeded compression ratio or a timer, still")
                .append(" moves that much between runs). Each scenario")
                .append(" states its own warm-up and windows. Started ").append(run.started()).append(", finished ")
                .append(run.finished()).append(".\n\n");
        md.append("Raw data: [`results.json`](").append(runDir).append("/results.json) (every repetition, the")
                .append(" environment, latency histograms), one CSV per scenario, latency percentile")
                .append(" distributions (`.hgrm`) and the nginx.conf used, all in [`").append(runDir).append("/`](")
                .append(runDir).append("/).\n\n");

        md.append("## Environment\n\n");
        run.environment().lines().forEach(l -> md.append("- ").append(l).append('\n'));
        md.append('\n');

        md.append("## Verify before measure\n\n");
        md.append("Each impl is checked through a real server and nginx before it is measured; one that fails is a")
                .append(" failed row in every table, never a number.\n\n");
        Table verify = new Table(List.of("impl", "result", "checks"));
        for (Verification v : run.verification()) {
            verify.add(List.of(v.impl(), v.passed() ? "passed" : "**failed**: " + v.reason(),
                    String.join("; ", v.checks())));
        }
        md.append(verify.markdown()).append('\n');

        md.append(MethodLines.calibration(run));

        claims(md, run);

        for (ScenarioResult scenario : run.scenarios()) {
            scenario(md, run, scenario, runDir, charts.getOrDefault(scenario.name(), List.of()));
        }
        return md.toString();
    }

    /** The design notes' rules of thumb, each judged by this run's figures ({@link DesignClaims}). */
    private static void claims(StringBuilder md, RunResult run) {
        md.append("## Design notes' claims vs measured\n\n");
        md.append("The rules of thumb of the Go experiment this project grew from (`design-notes/`, in Russian),")
                .append(" each judged by this run's figures; the scenario sections below hold the details.\n\n");
        Table table = new Table(List.of("claim", "source", "measured", "verdict"));
        for (Claim claim : DesignClaims.all()) {
            Verdict v = claim.judge(run);
            table.add(List.of(claim.claim(), claim.source(), v.figures(), "**" + v.judgement().text() + "**"));
        }
        md.append(table.markdown()).append('\n');
        md.append("Verdicts:\n\n");
        for (Verdict.Judgement j : Verdict.Judgement.values()) {
            md.append("- **").append(j.text()).append("**: ").append(j.meaning()).append('\n');
        }
        md.append("\nThresholds the verdicts are judged by:\n\n");
        DesignClaims.thresholds().forEach(t -> md.append("- ").append(t.legend()).append('\n'));
        md.append('\n');
    }

    private static void scenario(StringBuilder md, RunResult run, ScenarioResult result, String runDir,
                                 List<ChartWriter.Written> charts) {
        md.append("## ").append(result.name()).append("\n\n");
        md.append(result.description()).append("\n\n");
        MethodLines.of(result).forEach(l -> md.append(l).append("  \n"));
        md.append('\n');
        run.environment().lines().forEach(l -> md.append("> ").append(l).append("  \n"));
        md.append('\n');

        ScenarioTables tables = new ScenarioTables(result, true);
        for (ScenarioTables.Titled t : tables.overview()) {
            md.append("**").append(t.title()).append("**\n\n").append(t.table().markdown()).append('\n');
        }
        List<String> footnotes = tables.footnotes();
        footnotes.forEach(f -> md.append(f).append("  \n"));
        if (!footnotes.isEmpty()) {
            md.append('\n');
        }
        for (ChartWriter.Written chart : charts) {
            md.append("![").append(chart.title()).append("](").append(runDir).append('/').append(chart.path())
                    .append(")\n");
        }
        if (!charts.isEmpty()) {
            md.append('\n');
        }

        md.append("<details><summary>Every column, per variant</summary>\n\n");
        ScenarioTables details = new ScenarioTables(result, true);
        for (Variant v : result.variants()) {
            md.append("#### ").append(result.name()).append(": ").append(v.label()).append("\n\n");
            md.append(details.detail(v).markdown()).append('\n');
            List<String> notes = details.rowNotes(v);
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            if (!notes.isEmpty()) {
                md.append('\n');
            }
        }
        details.footnotes().forEach(f -> md.append(f).append("  \n"));
        md.append("\nCSV: [`").append(result.name()).append(".csv`](").append(runDir).append('/')
                .append(result.name()).append(".csv) (per repetition), [`").append(result.name())
                .append("-summary.csv`](").append(runDir).append('/').append(result.name())
                .append("-summary.csv).\n\n</details>\n\n");
    }
}
