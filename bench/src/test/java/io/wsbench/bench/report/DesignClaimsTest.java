package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.bench.report.claims.Claim;
import io.wsbench.bench.report.claims.DesignClaims;
import io.wsbench.bench.report.claims.Threshold;
import io.wsbench.bench.report.claims.Verdict;
import io.wsbench.bench.result.RunResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims table as the report shows it; each judge's own bounds are tested beside it in {@code claims}. */
class DesignClaimsTest {

    @Test
    void aClaimWhoseScenarioDidNotRunSaysSoInsteadOfGuessing() {
        RunResult echoOnly = SampleRuns.run();
        for (Claim claim : DesignClaims.all()) {
            assertThat(claim.judge(echoOnly).judgement()).as(claim.claim()).isEqualTo(Verdict.Judgement.NOT_MEASURED);
        }
        assertThat(readme(echoOnly)).contains("## Design notes' claims vs measured", "**not measured**");
    }

    @Test
    void aJudgeThatThrowsFailsTheReportInsteadOfReadingNotMeasured() {
        Claim broken = new Claim("A claim.", "000", run -> {
            throw new IllegalStateException("a bug in the judge");
        });
        assertThatThrownBy(() -> broken.judge(SampleRuns.run())).hasMessage("a bug in the judge");
    }

    @Test
    void theLegendPrintsEveryThresholdWithItsValueAndEveryVerdict() {
        String readme = readme(SampleRuns.run());
        assertThat(DesignClaims.thresholds()).extracting(Threshold::name).contains("a few KB", "clear CPU difference",
                "on time", "not early", "caught by WRITE_WAIT", "saves traffic");
        for (Threshold t : DesignClaims.thresholds()) {
            assertThat(readme).contains("- " + t.legend());
        }
        assertThat(readme).contains("- **a few KB** = 16 KiB: ", "- **clear CPU difference** = ×1.15: ",
                "- **on time** = ×1.2: ", "- **not early** = ×0.8: ", "- **caught by WRITE_WAIT** = 90%: ",
                "- **saves traffic** = ×1.2: ", "- **clients on one VM** = 50,000: ");
        for (Verdict.Judgement j : Verdict.Judgement.values()) {
            assertThat(readme).contains("- **" + j.text() + "**: " + j.meaning());
        }
    }

    private static String readme(RunResult run) {
        return ReadmeWriter.render(run, run.runId(), Map.of());
    }
}
