package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.chart.DrawnChart;
import io.wsbench.bench.chart.SearchPointsByImpl;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class SearchPointsByImplTest {
    private static final Variant HELD = Variant.of("subscribers", "most at p95 ≤ 250 ms");
    private static final SearchPointsByImpl SPEC = new SearchPointsByImpl("search", HELD, "p95_ms_at_",
            "subscribers", "p95 (ms)", 250, "p95 = 250 ms");

    @Test
    void everySizeOfEveryRepetitionIsAPointOfItsImplWithTheBarAcross() {
        Row netty = new Row("netty", HELD, Status.OK, "", false, List.of(
                new Repetition(1, Map.of("held_subscribers", 6000.0, SearchPointsByImpl.key("p95_ms_at_", 4000), 90.0,
                        SearchPointsByImpl.key("p95_ms_at_", 8000), 400.0, SearchPointsByImpl.key("p95_ms_at_", 6000),
                        200.0), Map.of()),
                new Repetition(2, Map.of("held_subscribers", 7000.0, "p95_ms_at_4000", 80.0, "p95_ms_at_7000",
                        240.0), Map.of())), List.of());
        Row jetty = new Row("jetty", HELD, Status.FAILED, "died", false, List.of(), List.of());
        ScenarioResult result = new ScenarioResult("broadcast", "test",
                List.of(Metric.higher("held_subscribers", "held", "subscribers")), List.of(HELD), List.of(netty, jetty));

        List<DrawnChart> drawn = SPEC.draw(result);

        assertThat(drawn).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("search"));
        XYChart chart = (XYChart) drawn.get(0).chart();
        assertThat(chart.getSeriesMap()).containsOnlyKeys("netty", "p95 = 250 ms");
        assertThat(list(chart.getSeriesMap().get("netty").getXData()))
                .containsExactlyInAnyOrder(4000.0, 8000.0, 6000.0, 4000.0, 7000.0);
        assertThat(list(chart.getSeriesMap().get("p95 = 250 ms").getXData())).containsExactly(4000.0, 8000.0);
        assertThat(list(chart.getSeriesMap().get("p95 = 250 ms").getYData())).containsExactly(250.0, 250.0);
    }

    @Test
    void aRunWithoutSearchPointsHasNoChart() {
        Row netty = new Row("netty", HELD, Status.OK, "", false,
                List.of(new Repetition(1, Map.of("held_subscribers", 6000.0), Map.of())), List.of());
        ScenarioResult result = new ScenarioResult("broadcast", "test",
                List.of(Metric.higher("held_subscribers", "held", "subscribers")), List.of(HELD), List.of(netty));

        assertThat(SPEC.draw(result)).isEmpty();
    }

    private static List<Object> list(double[] data) {
        List<Object> out = new ArrayList<>();
        for (double d : data) {
            out.add(d);
        }
        return out;
    }
}
