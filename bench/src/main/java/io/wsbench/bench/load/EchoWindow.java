package io.wsbench.bench.load;

import org.HdrHistogram.Histogram;

/** The echoes completed in one measured window: every round trip's latency in nanoseconds, and the window's length. */
public record EchoWindow(Histogram latencyNanos, double seconds) {

    public long messages() {
        return latencyNanos.getTotalCount();
    }

    public double messagesPerSecond() {
        return seconds > 0 ? messages() / seconds : 0;
    }

    /** A percentile of the round-trip time in milliseconds, e.g. {@code millis(99.9)}. */
    public double millis(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
}
