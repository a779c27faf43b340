package io.wsbench.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWithMinAndMax() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));
        assertThat(s.median()).isEqualTo(20.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void threeRepetitionsGiveTheirWholeRangeAsTheInterval() {
        // a bootstrap of the median of 3 cannot be narrower: each extreme is the resampled median in 7 of 27 draws
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));
        assertThat(s.ciLow()).isEqualTo(10.0);
        assertThat(s.ciHigh()).isEqualTo(30.0);
        assertThat(s.wide()).isTrue();
    }

    @Test
    void moreRepetitionsNarrowTheIntervalInsideTheRange() {
        Summary s = Summary.of(List.of(100.0, 101.0, 99.0, 100.5, 99.5, 100.2, 99.8, 100.1, 140.0, 60.0));
        assertThat(s.ciLow()).isGreaterThan(60.0).isLessThanOrEqualTo(s.median());
        assertThat(s.ciHigh()).isLessThan(140.0).isGreaterThanOrEqualTo(s.median());
        assertThat(s.wide()).isFalse();
    }

    @Test
    void theIntervalIsTheSameForTheSameFigures() {
        List<Double> figures = List.of(5.0, 7.0, 6.5, 5.5, 9.0);
        assertThat(Summary.of(figures)).isEqualTo(Summary.of(figures));
    }

    @Test
    void agreeingRepetitionsHaveNoWidth() {
        Summary s = Summary.of(List.of(1009.0, 1009.0, 1009.0));
        assertThat(s.ciLow()).isEqualTo(1009.0);
        assertThat(s.relativeHalfWidth()).isZero();
    }

    @Test
    void overlappingIntervalsAreATie() {
        Summary a = Summary.of(List.of(100.0, 110.0, 120.0));
        Summary b = Summary.of(List.of(115.0, 125.0, 135.0));
        Summary c = Summary.of(List.of(200.0, 210.0, 220.0));
        assertThat(a.overlaps(b)).isTrue();
        assertThat(b.overlaps(a)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
    }

    @Test
    void mediansWithinTheEquivalenceMarginAreTheSameEvenWhereTheIntervalsAreApart() {
        // a seeded compression ratio: each run's repetitions agree to 0.01%, the next run is 0.3% away
        Summary run1 = Summary.of(List.of(3.800, 3.8001, 3.8002));
        Summary run2 = Summary.of(List.of(3.811, 3.8111, 3.8112));
        Summary apart = Summary.of(List.of(3.900, 3.9001, 3.9002));
        assertThat(run1.overlaps(run2)).isFalse();
        assertThat(run1.sameAs(run2)).isTrue();
        assertThat(run2.sameAs(run1)).isTrue();
        assertThat(run1.sameAs(apart)).as("2.6%% apart").isFalse();
    }

    @Test
    void versusBestPrintsARatioOnlyWhereTheIntervalsDoNotOverlap() {
        Variant v = Variant.of("size", "64 B");
        Metric m = Metric.higher("msgs_per_s", "throughput", "msgs/s");
        Row best = row("netty", v, 200, 210, 220);
        Row tied = row("jetty", v, 190, 205, 215);
        Row behind = row("undertow", v, 100, 105, 110);
        ScenarioResult r = new ScenarioResult("echo", "", List.of(m), List.of(v), List.of(best, tied, behind));
        assertThat(r.versusBest(best, m)).contains(ScenarioResult.BEST);
        assertThat(r.versusBest(tied, m)).contains(ScenarioResult.TIE);
        assertThat(r.versusBest(behind, m)).contains("×0.50");

        Row close = row("java-websocket", v, 212, 213, 214);
        Row narrowBest = row("netty", v, 216, 216.5, 217);
        ScenarioResult narrow = new ScenarioResult("echo", "", List.of(m), List.of(v), List.of(narrowBest, close));
        assertThat(narrow.versusBest(close, m)).as("1.6% behind, intervals apart").contains(ScenarioResult.TIE);
    }

    private static Row row(String impl, Variant v, double... figures) {
        List<Repetition> reps = new java.util.ArrayList<>();
        for (int i = 0; i < figures.length; i++) {
            reps.add(new Repetition(i + 1, Map.of("msgs_per_s", figures[i]), Map.of()));
        }
        return new Row(impl, v, Status.OK, "", false, reps, List.of());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Summary.of(List.of(1.0, 4.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void aFailedRowHasNoNumbersEvenWhenSomeRepetitionsRan() {
        Row row = new Row("jetty", Variant.of("size", "64 B"), Status.FAILED, "closed 1006", false,
                List.of(new Repetition(1, Map.of("msgs_per_s", 100.0), Map.of())), List.of());
        assertThat(row.summary("msgs_per_s")).isEmpty();
        assertThat(row.summaries()).isEmpty();
    }

    @Test
    void twoSingleObservationsAreCountsThatTieOnlyWhenEqual() {
        Summary all = Summary.of(List.of(61.0));
        Summary oneShort = Summary.of(List.of(60.0));

        assertThat(all.sameAs(Summary.of(List.of(61.0)))).isTrue();
        assertThat(all.sameAs(oneShort)).isFalse(); // 1.6% apart: within the measured figures' 2% margin
        assertThat(Summary.of(List.of(60.0, 60.5, 61.0)).sameAs(Summary.of(List.of(61.2, 61.5, 62.0)))).isTrue();
    }
}
