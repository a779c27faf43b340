package io.wsbench.bench.result;

/** Which way a metric improves; decides what "the best" row is when ratios are printed. */
public enum Better {
    HIGHER,
    LOWER,
    /** Context, not a score (CPU used, RSS): no best, no ratio. */
    NEITHER
}
