package io.wsbench.bench.report;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A curve of one metric's median against a numeric dimension (e.g. p95 time to receipt against subscribers),
 * one line per impl, the x axis logarithmic (the steps double). Variants whose {@code xAxis} value is not a
 * number (a summary row) and failed rows have no point, so a line ends where its impl stopped holding up.
 */
public record LineChartByImpl(String name, String metric, String xAxis) implements ChartSpec {

    @Override
    public List<DrawnChart> draw(ScenarioResult result) {
        Optional<Metric> m = result.metric(metric);
        if (m.isEmpty()) {
            return List.of();
        }
        String title = result.name() + ": " + m.get().label() + " by " + xAxis;
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(xAxis).yAxisTitle(m.get().heading()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,###.##");
        int series = 0;
        for (String impl : result.impls()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Variant v : result.variants()) {
                Optional<Double> at = number(v.get(xAxis));
                Optional<Double> median = result.row(impl, v).flatMap(r -> r.summary(metric)).map(Summary::median);
                if (at.isPresent() && median.isPresent()) {
                    x.add(at.get());
                    y.add(median.get());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(impl, x, y);
                series++;
            }
        }
        return series == 0 ? List.of() : List.of(new DrawnChart(name, title, chart));
    }

    private static Optional<Double> number(String value) {
        try {
            double d = Double.parseDouble(value == null ? "" : value.replace(",", ""));
            return d > 0 ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
