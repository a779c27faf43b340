package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.chart.DrawnChart;
import io.wsbench.bench.chart.ScatterByImpl;
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
import org.knowm.xchart.XYSeries;

class ScatterByImplTest {
    private static final Variant SMALL_1 = Variant.of("payload", "small", "level", "1");
    private static final Variant SMALL_9 = Variant.of("payload", "small", "level", "9");
    private static final Variant MEMORY = Variant.of("payload", "memory", "level", "6");

    @Test
    void onePointPerLevelPerImplAndNoChartForASplitWithoutBothMetrics() {
        List<Metric> metrics = List.of(Metric.higher("ratio", "ratio", "×"), Metric.lower("cpu", "cpu", "ms"),
                Metric.lower("heap", "heap", "bytes"));
        List<Row> rows = List.of(
                row("netty", SMALL_1, Map.of("ratio", 2.0, "cpu", 10.0)),
                row("netty", SMALL_9, Map.of("ratio", 3.0, "cpu", 30.0)),
                row("netty", MEMORY, Map.of("heap", 5000.0)),
                row("jetty", SMALL_1, Map.of("ratio", 2.5, "cpu", 12.0)),
                new Row("jetty", SMALL_9, Status.FAILED, "broke", false, List.of(), List.of()),
                row("jetty", MEMORY, Map.of("heap", 6000.0)));
        ScenarioResult result = new ScenarioResult("compression", "test", metrics,
                List.of(SMALL_1, SMALL_9, MEMORY), rows);

        List<DrawnChart> drawn = new ScatterByImpl("ratio-vs-cpu", "cpu", "ratio", "payload", "level").draw(result);

        assertThat(drawn).hasSize(1);
        assertThat(drawn.get(0).name()).isEqualTo("ratio-vs-cpu-small");
        XYChart chart = (XYChart) drawn.get(0).chart();
        XYSeries netty = chart.getSeriesMap().get("netty");
        assertThat(list(netty.getXData())).containsExactly(10.0, 30.0);
        assertThat(list(netty.getYData())).containsExactly(2.0, 3.0);
        assertThat(list(chart.getSeriesMap().get("jetty").getXData())).containsExactly(12.0);
    }

    private static Row row(String impl, Variant v, Map<String, Double> values) {
        List<Repetition> reps = List.of(new Repetition(1, values, Map.of()), new Repetition(2, values, Map.of()),
                new Repetition(3, values, Map.of()));
        return new Row(impl, v, Status.OK, "", false, reps, List.of());
    }

    private static List<Object> list(double[] data) {
        List<Object> out = new ArrayList<>();
        for (double d : data) {
            out.add(d);
        }
        return out;
    }
}
