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

    /** The unit of {@link #closeCode}. */
    private static final String CLOSE_CODE = "close code";

    /** A WebSocket close code (or a median of them), printed as {@code 1009} rather than {@code 1,009}. */
    public static Metric closeCode(String key, String label) {
        return new Metric(key, label, CLOSE_CODE, Better.NEITHER);
    }

    /** Whether its values are close codes, printed as codes ({@link #closeCode}). */
    public boolean isCloseCode() {
        return unit.equals(CLOSE_CODE);
    }

    /** {@code "p99 (ms)"}. */
    public String heading() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}
