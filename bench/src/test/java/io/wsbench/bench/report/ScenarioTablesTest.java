package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTablesTest {

    @Test
    void overviewSplitsByTheFirstDimensionAndRanksByTheHeadline() {
        List<ScenarioTables.Titled> tables = new ScenarioTables(SampleRuns.echo(), false).overview();
        assertThat(tables).extracting(ScenarioTables.Titled::title)
                .allMatch(t -> t.startsWith("route: direct") || t.startsWith("route: nginx"));
        String direct = tables.get(0).table().text();
        assertThat(direct).contains("64 B", "1 KiB").contains("100 best").contains("50 ×0.50");
    }

    @Test
    void aFailedRowShowsFailedAndTheReasonInAFootnoteNeverANumber() {
        ScenarioTables tables = new ScenarioTables(SampleRuns.echo(), true);
        String nginx = tables.overview().get(1).table().markdown();
        assertThat(nginx).contains("failed [1]");
        assertThat(tables.footnotes()).containsExactly(
                "[1] jetty: failed: 3 of 4 connections closed during the run (first: 1006)");
    }

    @Test
    void aRowNotMeasuredByChoiceSaysSoAndIsNotAFailure() {
        ScenarioResult echo = SampleRuns.echo();
        List<Row> rows = echo.rows().stream().map(r -> r.status() == Status.FAILED
                ? new Row(r.impl(), r.variant(), Status.NOT_MEASURED, "past the break", false, List.of(), List.of())
                : r).toList();
        ScenarioTables tables = new ScenarioTables(new ScenarioResult(echo.name(), echo.description(),
                echo.metrics(), echo.variants(), rows), true);
        assertThat(tables.overview().get(1).table().markdown()).contains("not measured [1]")
                .doesNotContain("failed");
        assertThat(tables.footnotes()).containsExactly("[1] jetty: not measured: past the break");
    }

    @Test
    void detailTablesShowEveryMetricWithItsIntervalAndFlagWideOnes() {
        String detail = new ScenarioTables(SampleRuns.echo(), true).detail(SampleRuns.DIRECT_64).markdown();
        assertThat(detail).contains("| netty | 100 [90–110] ±10% | best | 2 [1–3] ±50% |");
    }

    @Test
    void implsAreShownAsAPercentageOfTheCeilingWhereItWasMeasured() {
        ScenarioTables tables = new ScenarioTables(SampleRuns.echoWithCeiling(), false);
        String direct = tables.overview().get(0).table().text();
        assertThat(direct).contains("100 best, 25% of ceiling").contains("80 best, 50% of ceiling")
                .contains("raw TCP (ceiling)").contains("400");
        String nginx = tables.overview().get(1).table().text();
        assertThat(nginx).doesNotContain("of ceiling");
        String detail = tables.detail(SampleRuns.DIRECT_64).markdown();
        assertThat(detail).contains("% of ceiling").contains("| jetty | 50 | ×0.50 | 13% |");
    }

    @Test
    void aSummaryRowWithoutTheHeadlineShowsItsOwnMetricWithItsUnit() {
        String overview = new ScenarioTables(StepCurves.broadcast(), false).overview().get(0).table().text();
        assertThat(overview).contains("10 best").contains("1,000 subscribers best").contains("500 subscribers ×0.50");
    }
}
