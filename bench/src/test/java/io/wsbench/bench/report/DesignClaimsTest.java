package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.report.claims.Claim;
import io.wsbench.bench.report.claims.DesignClaims;
import io.wsbench.bench.report.claims.Verdict;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignClaimsTest {
    private static final Variant OFF = Variant.of("route", "direct", "compression", "off");
    private static final Variant ON = Variant.of("route", "direct", "compression", "on");

    @Test
    void aClaimWhoseScenarioDidNotRunSaysSoInsteadOfGuessing() {
        RunResult echoOnly = SampleRuns.run();
        for (Claim claim : DesignClaims.all()) {
            assertThat(claim.judge(echoOnly).judgement()).as(claim.claim()).isEqualTo(Verdict.Judgement.NOT_MEASURED);
        }
        assertThat(readme(echoOnly)).contains("## Design notes' claims vs measured", "**not measured**");
    }

    @Test
    void fewKilobytesPerConnectionHoldsOnlyWhenEveryImplStaysWithinIt() {
        Verdict cheap = fewKb(withCapacity(Map.of("netty", new double[] {2_500, 1_500}, "jetty",
                new double[] {9_000, 1_000})));
        assertThat(cheap.judgement()).isEqualTo(Verdict.Judgement.HOLDS);
        assertThat(cheap.figures()).contains("netty 3.91 KiB", "jetty 9.77 KiB");

        Verdict mixed = fewKb(withCapacity(Map.of("netty", new double[] {2_500, 1_500}, "jetty",
                new double[] {40_000, 1_000})));
        assertThat(mixed.judgement()).isEqualTo(Verdict.Judgement.PARTLY);
    }

    private static Verdict fewKb(RunResult run) {
        return DesignClaims.all().stream().filter(c -> c.claim().contains("few kilobytes")).findFirst()
                .orElseThrow().judge(run);
    }

    private static String readme(RunResult run) {
        return ReadmeWriter.render(run, run.runId(), Map.of());
    }

    /** A capacity result: per impl, heap and RSS bytes per connection (the same in all three repetitions). */
    private static RunResult withCapacity(Map<String, double[]> heapAndRss) {
        List<Row> rows = new java.util.ArrayList<>();
        heapAndRss.forEach((impl, v) -> {
            List<Repetition> reps = List.of(1, 2, 3).stream().map(i -> new Repetition(i,
                    Map.of("heap_per_conn_bytes", v[0], "rss_per_conn_bytes", v[1]), Map.of())).toList();
            rows.add(new Row(impl, OFF, Status.OK, "", false, reps, List.of()));
        });
        ScenarioResult capacity = new ScenarioResult("capacity", "idle connections",
                List.of(Metric.lower("heap_per_conn_bytes", "heap/conn", "bytes"),
                        Metric.lower("rss_per_conn_bytes", "RSS/conn", "bytes")), List.of(OFF, ON), rows);
        RunResult base = SampleRuns.run();
        return new RunResult(base.runId(), base.started(), base.finished(), base.settings(), base.environment(),
                base.verification(), List.of(capacity), base.nginxConf());
    }
}
