package io.wsbench.bench.chart;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A curve of one metric's median along a numeric dimension (e.g. p95 time to receipt against subscribers), one
 * line per impl, the steps evenly spaced in their order (they double, so this reads like a log axis with every
 * step labelled). Variants whose {@code xAxis} value is not a number (a summary row) are left out, and a failed
 * row has no point, so a line ends where its impl stopped holding up. {@code threshold}, when not NaN, is drawn
 * as a flat line named {@code thresholdLabel} (e.g. the 250 ms a step must stay within).
 */
public record LineChartByImpl(String name, String metric, String xAxis, double threshold, String thresholdLabel)
        implements ChartSpec {

    public LineChartByImpl(String name, String metric, String xAxis) {
        this(name, metric, xAxis, Double.NaN, "");
    }

    @Override
    public List<DrawnChart> draw(ScenarioResult result) {
        Optional<Metric> m = result.metric(metric);
        List<Variant> steps = result.variants().stream().filter(v -> isNumber(v.get(xAxis))).toList();
        if (m.isEmpty() || steps.isEmpty()) {
            return List.of();
        }
        String title = result.name() + ": " + m.get().label() + " by " + xAxis;
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(xAxis).yAxisTitle(m.get().heading()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("#,###.##");
        chart.getStyler().setYAxisMin(0.0);
        List<String> x = steps.stream().map(v -> v.get(xAxis)).toList();
        int series = 0;
        for (String impl : result.impls()) {
            List<Double> y = new ArrayList<>();
            for (Variant v : steps) {
                y.add(result.row(impl, v).flatMap(r -> r.summary(metric)).map(Summary::median).orElse(null));
            }
            if (y.stream().anyMatch(v -> v != null)) {
                chart.addSeries(impl, x, y);
                series++;
            }
        }
        if (series == 0) {
            return List.of();
        }
        if (!Double.isNaN(threshold)) {
            chart.addSeries(thresholdLabel, x, Collections.nCopies(x.size(), threshold));
        }
        return List.of(new DrawnChart(name, title, chart));
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value == null ? "" : value.replace(",", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
