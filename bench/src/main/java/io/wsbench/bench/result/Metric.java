package io.wsbench.bench.result;

/**
 * One column of a scenario's table: {@code key} is how repetitions store it (and the CSV header), {@code label}
 * and {@code unit} are what people read.
 */
public record Metric(String key, String label, String unit, Better better) {

    public static Metric higher(String key, String label, String unit) {
        return new Metric(key, label, unit, Better.HIGHER);
    }

    public static Metric lower(String key, String label, String unit) {
        return new Metric(key, label, unit, Better.LOWER);
    }

    public static Metric context(String key, String label, String unit) {
        return new Metric(key, label, unit, Better.NEITHER);
    }

    /** {@code "p99 (ms)"}. */
    public String heading() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}
