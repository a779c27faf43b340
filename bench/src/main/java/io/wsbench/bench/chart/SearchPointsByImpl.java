package io.wsbench.bench.chart;

import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every size a search measured, not only the ladder's steps: a break-point search keeps, in each repetition of
 * its result row, one value per size it tried ({@code <prefix><size>}, e.g. {@code p95_ms_at_6000}). A bisection
 * tries different sizes in each repetition, so they make no table rows; here each is a point of its impl, every
 * repetition in one colour, with {@code threshold} drawn across (the bar the search bisects against). The
 * points around the bar are where the break point comes from.
 */
public record SearchPointsByImpl(String name, Variant row, String keyPrefix, String xAxis, String yAxis,
                                 double threshold, String thresholdLabel) implements ChartSpec {

    /** The value key of one size, as the scenario writes it and this chart reads it. */
    public static String key(String prefix, long size) {
        return prefix + size;
    }

    @Override
    public List<DrawnChart> draw(ScenarioResult result) {
        String title = result.name() + ": " + yAxis + " at every size the search measured";
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle(xAxis + " (every repetition's steps and bisection)").yAxisTitle(yAxis).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,###.##");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false); // the points span one decade or two around the bar
        chart.getStyler().setMarkerSize(7);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        int series = 0;
        for (String impl : result.impls()) {
            Optional<Row> found = result.row(impl, row);
            if (found.isEmpty()) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Repetition rep : found.get().repetitions()) {
                for (Map.Entry<String, Double> e : new TreeMap<>(rep.values()).entrySet()) {
                    if (e.getKey().startsWith(keyPrefix) && e.getValue() > 0) {
                        double size = Double.parseDouble(e.getKey().substring(keyPrefix.length()));
                        xs.add(size);
                        ys.add(e.getValue());
                        lowest = Math.min(lowest, size);
                        highest = Math.max(highest, size);
                    }
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(impl, xs, ys);
                series++;
            }
        }
        if (series == 0) {
            return List.of();
        }
        XYSeries bar = chart.addSeries(thresholdLabel, List.of(lowest, highest), List.of(threshold, threshold));
        bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        bar.setMarker(SeriesMarkers.NONE);
        return List.of(new DrawnChart(name, title, chart));
    }
}
