package io.wsbench.bench.result;

import java.util.List;

/**
 * The run's own noise: a fixed CPU load measured at the start, the middle and the end of the run, with the
 * machine's load average then. If the machine got slower or busier during the run, the impls measured in that
 * stretch paid for it; interleaving spreads that over every impl, and the drift says how much there was.
 *
 * @param when         {@code start}, {@code middle} or {@code end}
 * @param atSeconds    since the run started
 * @param mibPerSecond SHA-256 over a fixed buffer in the bench's JVM, the median of short windows
 * @param loadAverage  the 1-minute load average (/proc/loadavg), NaN where unreadable
 */
public record Calibration(String when, double atSeconds, double mibPerSecond, double loadAverage) {

    /** Above this drift the report warns that ratios between impls are unreliable in this run. */
    public static final double DRIFT_WARNING = 0.10;

    /** (max − min) / max of the calibration figure: 0 when the machine stayed as fast as it was. */
    public static double drift(List<Calibration> calibrations) {
        double max = calibrations.stream().mapToDouble(Calibration::mibPerSecond).max().orElse(0);
        double min = calibrations.stream().mapToDouble(Calibration::mibPerSecond).min().orElse(0);
        return max <= 0 ? 0 : (max - min) / max;
    }
}
