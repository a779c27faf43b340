package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.CompressionClaims.BASE_LEVEL;
import static io.wsbench.bench.report.claims.CompressionClaims.CLEAR_DIFFERENCE;
import static io.wsbench.bench.report.claims.CompressionClaims.OFF;
import static io.wsbench.bench.report.claims.CompressionClaims.RATIO_HIGH;
import static io.wsbench.bench.report.claims.CompressionClaims.RATIO_LOW;
import static io.wsbench.bench.report.claims.CompressionClaims.SAVES_TRAFFIC;
import static io.wsbench.bench.report.claims.CompressionClaims.TYPICAL;
import static io.wsbench.bench.report.claims.FabricatedRuns.ceiling;
import static io.wsbench.bench.report.claims.FabricatedRuns.failed;
import static io.wsbench.bench.report.claims.FabricatedRuns.ok;
import static io.wsbench.bench.report.claims.FabricatedRuns.run;
import static io.wsbench.bench.report.claims.FabricatedRuns.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.report.claims.Verdict.Judgement;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.scenario.CompressionScenario;
import io.wsbench.bench.scenario.DeflateJmhScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The permessage-deflate claims, on both sides of each bound. */
class CompressionClaimsTest {

    @Test
    void ratiosOnTheEdgesOfFiveToTenHold() {
        RunResult run = compression(level("netty", TYPICAL, BASE_LEVEL, 100, RATIO_LOW.value()),
                level("jetty", TYPICAL, BASE_LEVEL, 100, RATIO_HIGH.value()));
        assertThat(CompressionClaims.fiveToTen(run).judgement()).isEqualTo(Judgement.HOLDS);
        assertThat(CompressionClaims.fiveToTen(run).figures()).contains("~2 KiB JSON 5–10×");
    }

    @Test
    void ratiosJustOutsideFiveToTenDoNotHold() {
        RunResult run = compression(level("netty", TYPICAL, BASE_LEVEL, 100, RATIO_LOW.value() - 0.01),
                level("jetty", TYPICAL, BASE_LEVEL, 100, RATIO_HIGH.value() + 0.01));
        assertThat(CompressionClaims.fiveToTen(run).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void oneSizeInsideAndOneOutsideHoldsInPart() {
        RunResult run = compression(level("netty", TYPICAL, BASE_LEVEL, 100, 6),
                level("netty", 200, BASE_LEVEL, 100, 2));
        assertThat(CompressionClaims.fiveToTen(run).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void costsCpuHoldsAtTheClearDifferenceAndTheTrafficSaving() {
        RunResult run = compression(level("netty", TYPICAL, OFF, 100, 1),
                level("netty", TYPICAL, BASE_LEVEL, 100 * CLEAR_DIFFERENCE.value(), SAVES_TRAFFIC.value()));
        assertThat(CompressionClaims.costsCpu(run).judgement()).isEqualTo(Judgement.HOLDS);
    }

    @Test
    void costsCpuDoesNotHoldJustUnderEitherBound() {
        RunResult cheap = compression(level("netty", TYPICAL, OFF, 100, 1),
                level("netty", TYPICAL, BASE_LEVEL, 114, SAVES_TRAFFIC.value()));
        assertThat(CompressionClaims.costsCpu(cheap).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        RunResult noSaving = compression(level("netty", TYPICAL, OFF, 100, 1),
                level("netty", TYPICAL, BASE_LEVEL, 200, SAVES_TRAFFIC.value() - 0.01));
        assertThat(CompressionClaims.costsCpu(noSaving).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void costsCpuForOneImplOfTwoHoldsInPart() {
        RunResult run = compression(level("netty", TYPICAL, OFF, 100, 1), level("netty", TYPICAL, BASE_LEVEL, 200, 4),
                level("jetty", TYPICAL, OFF, 100, 1), level("jetty", TYPICAL, BASE_LEVEL, 101, 4));
        assertThat(CompressionClaims.costsCpu(run).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void levelNineHoldsAtAClearDifferenceAndNotJustUnder() {
        assertThat(CompressionClaims.levelNine(levels(9, 100 * CLEAR_DIFFERENCE.value())).judgement())
                .isEqualTo(Judgement.HOLDS);
        assertThat(CompressionClaims.levelNine(levels(9, 114)).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void levelNineOnlyTheMicrobenchmarkShowsHoldsOnlyInIsolation() {
        RunResult run = withJmh(levels(9, 100), 9, CLEAR_DIFFERENCE.value());
        Verdict v = CompressionClaims.levelNine(run);
        assertThat(v.judgement()).isEqualTo(Judgement.IN_ISOLATION);
        assertThat(v.figures()).contains("netty CPU ×1, ratio ×1.1", "deflate alone (deflate-jmh, raw zlib encode"
                + " of 2 KiB): time ×1.15");
    }

    @Test
    void levelNineTheMicrobenchmarkShowsJustUnderTheBarDoesNotHold() {
        assertThat(CompressionClaims.levelNine(withJmh(levels(9, 100), 9, 1.14)).judgement())
                .isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void levelNineForSomeServersHoldsInPartWhateverTheMicrobenchmark() {
        List<Row> rows = new ArrayList<>(List.of(level("netty", TYPICAL, BASE_LEVEL, 100, 4),
                level("netty", TYPICAL, 9, 200, 4.4), level("jetty", TYPICAL, BASE_LEVEL, 100, 4),
                level("jetty", TYPICAL, 9, 100, 4.4)));
        RunResult run = withJmh(compression(rows.toArray(Row[]::new)), 9, 2);
        assertThat(CompressionClaims.levelNine(run).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void levelOneHoldsJustInsideAClearSavingAndNotJustOutside() {
        assertThat(CompressionClaims.levelOne(levels(1, 86.9)).judgement()).isEqualTo(Judgement.HOLDS);
        assertThat(CompressionClaims.levelOne(levels(1, 87)).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        assertThat(CompressionClaims.levelOne(withJmh(levels(1, 87), 1, 0.869)).judgement())
                .isEqualTo(Judgement.IN_ISOLATION);
    }

    @Test
    void missingScenarioAndFailedRowsAreNotMeasured() {
        RunResult none = run();
        RunResult failedRows = compression(failed("netty", CompressionScenario.echoVariant(TYPICAL, BASE_LEVEL)),
                failed("netty", CompressionScenario.echoVariant(TYPICAL, 9)),
                failed("netty", CompressionScenario.echoVariant(TYPICAL, 1)),
                failed("netty", CompressionScenario.echoVariant(TYPICAL, OFF)));
        for (RunResult run : List.of(none, failedRows)) {
            assertThat(CompressionClaims.fiveToTen(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            assertThat(CompressionClaims.costsCpu(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            assertThat(CompressionClaims.levelOne(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            assertThat(CompressionClaims.levelNine(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
        }
    }

    @Test
    void aQuickRunWithoutTheServersLevelIsNotMeasuredAndShowsDeflateAlone() {
        // quick measures off and 6 in the servers; deflate-jmh still has level 1
        RunResult quick = withJmh(compression(level("netty", TYPICAL, BASE_LEVEL, 100, 4)), 1, 0.5);
        Verdict v = CompressionClaims.levelOne(quick);
        assertThat(v.judgement()).isEqualTo(Judgement.NOT_MEASURED);
        assertThat(v.figures()).contains("no server measured levels 1 and 6 in this run").contains("time ×0.5");
    }

    @Test
    void theVariantsJudgedAreOnesTheScenariosMeasure() {
        List<Integer> levels = List.of(OFF, 1, BASE_LEVEL, 9);
        assertThat(new CompressionScenario().variants(Profile.FULL))
                .containsAll(levels.stream().map(l -> CompressionScenario.echoVariant(TYPICAL, l)).toList());
        // quick measures off and 6 in the servers, and every level in deflate-jmh
        assertThat(new CompressionScenario().variants(Profile.QUICK)).containsAll(List.of(
                CompressionScenario.echoVariant(TYPICAL, OFF), CompressionScenario.echoVariant(TYPICAL, BASE_LEVEL)));
        assertThat(new DeflateJmhScenario().variants(Profile.QUICK)).containsAll(levels.subList(1, 4).stream()
                .map(l -> DeflateJmhScenario.variant(DeflateJmhScenario.ENCODE, TYPICAL, l)).toList());
    }

    /** Netty at {@code level} and at the base level, 100 ms per 1k there, ratios 4.4 and 4. */
    private static RunResult levels(int level, double cpuMs) {
        return compression(level("netty", TYPICAL, BASE_LEVEL, 100, 4), level("netty", TYPICAL, level, cpuMs, 4.4));
    }

    private static Row level(String impl, int size, int level, double cpuMs, double ratio) {
        return ok(impl, CompressionScenario.echoVariant(size, level), Map.of(CompressionScenario.CPU_PER_1K, cpuMs,
                CompressionScenario.RATIO_DOWN, ratio));
    }

    private static RunResult compression(Row... rows) {
        return run(scenario(CompressionScenario.NAME, List.of(rows)));
    }

    /**
     * {@code run} plus deflate-jmh's raw zlib rows: encode at {@code level} takes {@code factor} × the base's (8 µs,
     * a power of two, so the factor comes back exact).
     */
    private static RunResult withJmh(RunResult run, int level, double factor) {
        ScenarioResult jmh = scenario(DeflateJmhScenario.NAME, List.of(
                ceiling("raw zlib", DeflateJmhScenario.variant(DeflateJmhScenario.ENCODE, TYPICAL, BASE_LEVEL),
                        Map.of(DeflateJmhScenario.TIME, 8.0)),
                ceiling("raw zlib", DeflateJmhScenario.variant(DeflateJmhScenario.ENCODE, TYPICAL, level),
                        Map.of(DeflateJmhScenario.TIME, 8 * factor))));
        List<ScenarioResult> all = new ArrayList<>(run.scenarios());
        all.add(jmh);
        return run(all.toArray(ScenarioResult[]::new));
    }
}
