package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class LineChartByImplTest {

    @Test
    void oneLinePerImplThroughItsNumericStepsOnly() {
        List<DrawnChart> drawn = new LineChartByImpl("p95", "p95_ms", "subscribers").draw(StepCurves.broadcast());
        assertThat(drawn).hasSize(1);
        XYChart chart = (XYChart) drawn.get(0).chart();
        assertThat(chart.getSeriesMap()).containsOnlyKeys("netty", "jetty");
        XYSeries netty = chart.getSeriesMap().get("netty");
        assertThat(netty.getXData()).containsExactly(500.0, 1000.0);
        assertThat(netty.getYData()).containsExactly(10.0, 20.0);
        // the failed step has no point: jetty's line ends where it stopped holding up
        assertThat(chart.getSeriesMap().get("jetty").getXData()).containsExactly(500.0);
    }

    @Test
    void noChartForAMetricTheScenarioDoesNotHave() {
        assertThat(new LineChartByImpl("x", "nope", "subscribers").draw(StepCurves.broadcast())).isEmpty();
    }
}
