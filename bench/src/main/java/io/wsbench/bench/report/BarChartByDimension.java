package io.wsbench.bench.report;

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
            boolean any = false;
            for (Variant v : variants) {
                Optional<Double> median = result.row(impl, v).flatMap(r -> r.summary(metric)).map(Summary::median);
                y.add(median.orElse(null));
                any |= median.isPresent();
            }
            if (any) {
                boolean ceiling = result.rows().stream().anyMatch(r -> r.impl().equals(impl) && r.ceiling());
                chart.addSeries(ceiling ? impl + " (ceiling)" : impl, x, y);
                series++;
            }
        }
        return series == 0 ? Optional.empty()
                : Optional.of(new DrawnChart(name + "-" + Format.slug(split), title, chart));
    }
}
