package io.wsbench.bench.result;

import java.util.Map;

/**
 * One repetition's raw figures ({@link Metric#key()} to value) and, where the scenario keeps them, its latency
 * histograms (HdrHistogram's compressed encoding, base64) so percentiles can be recomputed from results.json.
 */
public record Repetition(int index, Map<String, Double> values, Map<String, String> histograms) {

    public Repetition {
        values = Map.copyOf(values);
        histograms = histograms == null ? Map.of() : Map.copyOf(histograms);
    }
}
