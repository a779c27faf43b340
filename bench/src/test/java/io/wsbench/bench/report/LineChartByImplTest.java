package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.chart.DrawnChart;
import io.wsbench.bench.chart.LineChartByImpl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class LineChartByImplTest {

    @Test
    void oneLinePerImplThroughItsNumericStepsOnly() {
        List<DrawnChart> drawn = new LineChartByImpl("p95", "p95_ms", "subscribers", 250, "250 ms")
                .draw(StepCurves.broadcast());
        assertThat(drawn).hasSize(1);
        CategoryChart chart = (CategoryChart) drawn.get(0).chart();
        assertThat(chart.getSeriesMap()).containsOnlyKeys("netty", "jetty", "250 ms");
        CategorySeries netty = chart.getSeriesMap().get("netty");
        assertThat(points(netty.getXData())).containsExactly("500", "1000");
        assertThat(points(netty.getYData())).containsExactly(10.0, 20.0);
        // the failed step has no point: jetty's line ends where it stopped holding up
        assertThat(points(chart.getSeriesMap().get("jetty").getYData())).containsExactly(20.0, null);
        assertThat(points(chart.getSeriesMap().get("250 ms").getYData())).containsExactly(250.0, 250.0);
    }

    @Test
    void noChartForAMetricTheScenarioDoesNotHave() {
        assertThat(new LineChartByImpl("x", "nope", "subscribers").draw(StepCurves.broadcast())).isEmpty();
    }

    private static List<Object> points(Collection<?> data) {
        return new ArrayList<>(data);
    }
}
