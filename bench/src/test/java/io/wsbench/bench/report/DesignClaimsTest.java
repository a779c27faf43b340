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
    private static final Variant OFF_IDLE = Variant.of("route", "direct", "compression", "off", "connections",
            "idle");
    private static final Variant ON_BUSY = Variant.of("route", "direct", "compression", "on", "connections", "busy");

    @Test
    void aClaimWhoseScenarioDidNotRunSaysSoInsteadOfGuessing() {
        RunResult echoOnly = SampleRuns.run();
        for (Claim claim : DesignClaims.all()) {
            assertThat(claim.judge(echoOnly).judgement()).as(claim.claim()).isEqualTo(Verdict.Judgement.NOT_MEASURED);
        }
        assertThat(readme(echoOnly)).contains("## Design notes' claims vs measured", "**not measured**");
    }

    @Test
    void fiftyThousandIsTheFootprintMultipliedOutAndSaidToBeExtrapolated() {
        Verdict cheap = fewKb(withCapacity(Map.of("netty", 6_656.0, "jetty", 20_070.0)));

        assertThat(cheap.judgement()).isEqualTo(Verdict.Judgement.EXTRAPOLATED);
        assertThat(cheap.figures()).contains("footprint", "netty 6.5 KiB", "jetty 19.6 KiB",
                "50,000 connections extrapolated (measured at 10,000): 50,000 × 19.6 KiB (jetty, the most) = 957 MiB",
                "holds for 1 of 2 impls");
        assertThat(cheap.judgement().text()).isEqualTo("extrapolated");
    }

    @Test
    void noImplWithinAFewKilobytesDoesNotHoldWhateverTheMultiplication() {
        Verdict dear = fewKb(withCapacity(Map.of("netty", 40_000.0, "jetty", 60_000.0)));

        assertThat(dear.judgement()).isEqualTo(Verdict.Judgement.DOES_NOT_HOLD);
    }

    private static Verdict fewKb(RunResult run) {
        return DesignClaims.all().stream().filter(c -> c.claim().contains("few kilobytes")).findFirst()
                .orElseThrow().judge(run);
    }

    private static String readme(RunResult run) {
        return ReadmeWriter.render(run, run.runId(), Map.of());
    }

    /** A capacity result: per impl, the idle footprint per connection at 10,000 (the same in three repetitions). */
    private static RunResult withCapacity(Map<String, Double> footprint) {
        List<Row> rows = new java.util.ArrayList<>();
        footprint.forEach((impl, v) -> {
            List<Repetition> reps = List.of(1, 2, 3).stream().map(i -> new Repetition(i,
                    Map.of("footprint_per_conn_bytes", v, "opened", 10_000.0), Map.of())).toList();
            rows.add(new Row(impl, OFF_IDLE, Status.OK, "", false, reps, List.of()));
        });
        ScenarioResult capacity = new ScenarioResult("capacity", "connections",
                List.of(Metric.lower("footprint_per_conn_bytes", "footprint/conn", "bytes"),
                        Metric.context("opened", "opened", "conns")), List.of(OFF_IDLE, ON_BUSY), rows);
        RunResult base = SampleRuns.run();
        return new RunResult(base.runId(), base.started(), base.finished(), base.settings(), base.environment(),
                base.verification(), List.of(capacity), base.nginxConf());
    }
}
