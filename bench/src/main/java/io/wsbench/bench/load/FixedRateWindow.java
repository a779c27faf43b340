package io.wsbench.bench.load;

import org.HdrHistogram.Histogram;

/**
 * One measured window of {@link FixedRateLoad}: the latency of every message whose intended send time fell in
 * the window, measured from that intended time (so a stall counts against every message it delayed), and how
 * many echoes actually arrived during the window.
 *
 * @param offered  messages per second the schedule asked for
 * @param arrivals echoes that arrived while the window lasted, whenever they were intended
 * @param maxSendLagNanos how late this client sent a message of the window at worst (its own share of the
 *                        latency: large when the load generator cannot keep the schedule)
 */
public record FixedRateWindow(Histogram latencyNanos, double seconds, double offered, long arrivals,
                              long maxSendLagNanos) {

    /** Echoes that arrived per second of the window: below {@link #offered} when the server fell behind. */
    public double achievedPerSecond() {
        return seconds > 0 ? arrivals / seconds : 0;
    }

    /** A percentile of the latency in milliseconds, e.g. {@code millis(99.9)}. */
    public double millis(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return latencyNanos.getMaxValue() / 1e6;
    }
}
