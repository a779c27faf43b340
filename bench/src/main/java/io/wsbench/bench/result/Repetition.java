package io.wsbench.bench.result;

import java.util.Map;

/**
 * One repetition's raw figures ({@link Metric#key()} to value) and, where the scenario keeps them, its latency
 * histograms (HdrHistogram's compressed encoding, base64) so percentiles can be recomputed from results.json.
 *
 * @param window where in the run it was measured (order, time, warm-up); null in files of older runs
 */
public record Repetition(int index, Map<String, Double> values, Map<String, String> histograms, Window window) {

    public Repetition {
        values = Map.copyOf(values);
        histograms = histograms == null ? Map.of() : Map.copyOf(histograms);
    }

    public Repetition(int index, Map<String, Double> values, Map<String, String> histograms) {
        this(index, values, histograms, null);
    }
}
