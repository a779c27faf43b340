package io.wsbench.bench.chart;

import io.wsbench.bench.Stacks;
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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Bars of one metric's median: one chart per value of {@code splitBy} (e.g. per route), the values of
 * {@code xAxis} along the bottom (e.g. message size), one bar per impl. Failed rows have no bar.
 */
public record BarChartByDimension(String name, String metric, String xAxis, String splitBy) implements ChartSpec {

    @Override
    public List<DrawnChart> draw(ScenarioResult result) {
        Optional<Metric> m = result.metric(metric);
        if (m.isEmpty()) {
            return List.of();
        }
        Set<String> splits = new LinkedHashSet<>();
        result.variants().forEach(v -> splits.add(v.get(splitBy)));
        List<DrawnChart> charts = new ArrayList<>();
        for (String split : splits) {
            List<Variant> variants = result.variants().stream().filter(v -> split.equals(v.get(splitBy))).toList();
            draw(result, m.get(), split, variants).ifPresent(charts::add);
        }
        return charts;
    }

    private Optional<DrawnChart> draw(ScenarioResult result, Metric m, String split, List<Variant> variants) {
        String title = result.name() + ": " + m.label() + ", " + splitBy + " " + split;
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(xAxis).yAxisTitle(m.heading()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("#,###.##");
        chart.getStyler().setYAxisMin(0.0);
        List<String> x = variants.stream().map(v -> v.get(xAxis)).toList();
        int series = 0;
        for (String impl : result.impls()) {
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            boolean any = false;
            for (Variant v : variants) {
                Optional<Summary> s = result.row(impl, v).flatMap(r -> r.summary(metric));
                y.add(s.map(Summary::median).orElse(null));
                // XChart's error bars are symmetric: the wider side of the 95% interval
                error.add(s.map(x1 -> Math.max(x1.median() - x1.ciLow(), x1.ciHigh() - x1.median())).orElse(0.0));
                any |= s.isPresent();
            }
            if (any) {
                boolean ceiling = result.rows().stream().anyMatch(r -> r.impl().equals(impl) && r.ceiling());
                String label = ceiling ? impl + " (ceiling)" : Stacks.isReference(impl) ? impl + " (reference)" : impl;
                // XChart cannot draw an error bar on a missing bar: such a series goes without them
                if (y.contains(null)) {
                    chart.addSeries(label, x, y);
                } else {
                    chart.addSeries(label, x, y, error);
                }
                series++;
            }
        }
        return series == 0 ? Optional.empty()
                : Optional.of(new DrawnChart(name + "-" + Format.slug(split), title, chart));
    }
}
