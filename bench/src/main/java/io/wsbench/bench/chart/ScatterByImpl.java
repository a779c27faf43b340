package io.wsbench.bench.chart;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * One metric's median against another's, one series per impl whose points are the variants in their order (e.g.
 * compression ratio against server CPU per message, a point per compression level), joined by a line; one chart
 * per value of {@code splitBy} (e.g. per message size). A failed row, or one without both metrics, has no point;
 * a split with no point at all has no chart. {@code pointDimension} names the points in the legend.
 */
public record ScatterByImpl(String name, String xMetric, String yMetric, String splitBy, String pointDimension)
        implements ChartSpec {

    @Override
    public List<DrawnChart> draw(ScenarioResult result) {
        Optional<Metric> x = result.metric(xMetric);
        Optional<Metric> y = result.metric(yMetric);
        if (x.isEmpty() || y.isEmpty()) {
            return List.of();
        }
        Set<String> splits = new LinkedHashSet<>();
        result.variants().forEach(v -> splits.add(v.get(splitBy)));
        List<DrawnChart> charts = new ArrayList<>();
        for (String split : splits) {
            List<Variant> points = result.variants().stream().filter(v -> split.equals(v.get(splitBy))).toList();
            draw(result, x.get(), y.get(), split, points).ifPresent(charts::add);
        }
        return charts;
    }

    private Optional<DrawnChart> draw(ScenarioResult result, Metric x, Metric y, String split, List<Variant> points) {
        String order = String.join(" → ", points.stream().map(v -> v.get(pointDimension)).toList());
        String title = result.name() + ": " + y.label() + " vs " + x.label() + ", " + split;
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(x.heading() + " — points: " + pointDimension + " " + order)
                .yAxisTitle(y.heading()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setYAxisDecimalPattern("#,###.##");
        chart.getStyler().setXAxisDecimalPattern("#,###.##");
        int series = 0;
        for (String impl : result.impls()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Variant v : points) {
                Optional<Double> px = median(result, impl, v, x);
                Optional<Double> py = median(result, impl, v, y);
                if (px.isPresent() && py.isPresent()) {
                    xs.add(px.get());
                    ys.add(py.get());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(impl, xs, ys);
                series++;
            }
        }
        return series == 0 ? Optional.empty()
                : Optional.of(new DrawnChart(name + "-" + Format.slug(split), title, chart));
    }

    private static Optional<Double> median(ScenarioResult result, String impl, Variant v, Metric m) {
        return result.row(impl, v).filter(r -> r.ok()).flatMap(r -> r.summary(m.key())).map(Summary::median);
    }
}
