package io.wsbench.bench.chart;

import org.knowm.xchart.internal.chartpart.Chart;

/** One XChart chart ready to be saved as {@code <scenario>-<name>.png}. */
public record DrawnChart(String name, String title, Chart<?, ?> chart) {
}
