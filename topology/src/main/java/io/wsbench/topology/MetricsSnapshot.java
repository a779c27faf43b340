package io.wsbench.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of a replica's {@code /metrics} (Prometheus text), keyed by the sample exactly as printed:
 * {@code wsbench_connections_active} or {@code wsbench_connections_closed_total{code="1009"}}.
 */
public record MetricsSnapshot(Map<String, Double> samples) {

    public MetricsSnapshot {
        samples = Map.copyOf(samples);
    }

    public static MetricsSnapshot parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int labelsEnd = line.indexOf('{') >= 0 ? line.lastIndexOf('}') + 1 : line.indexOf(' ');
            if (labelsEnd <= 0 || labelsEnd >= line.length()) {
                continue;
            }
            String key = line.substring(0, labelsEnd);
            String value = line.substring(labelsEnd).strip().split("\\s+")[0];
            try {
                samples.put(key, number(value));
            } catch (NumberFormatException e) {
                // not a sample line; the exposition format has none of these, but a reader should not die on one
            }
        }
        return new MetricsSnapshot(samples);
    }

    /**
     * The sample's value, 0 when absent: a labelled counter (closes by code) appears only once it has counted
     * something.
     */
    public double get(String sample) {
        return samples.getOrDefault(sample, 0.0);
    }

    public boolean has(String sample) {
        return samples.containsKey(sample);
    }

    /** {@code wsbench_connections_active}: open WebSocket connections on this replica. */
    public int connectionsActive() {
        return (int) get("wsbench_connections_active");
    }

    /** {@code wsbench_connections_closed_total{code="..."}}. */
    public double closedWithCode(int code) {
        return get("wsbench_connections_closed_total{code=\"" + code + "\"}");
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
