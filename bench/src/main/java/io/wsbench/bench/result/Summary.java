package io.wsbench.bench.result;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A metric over a row's repetitions: the median with its 95% confidence interval, and min and max as the spread.
 * Never the mean, never the best.
 *
 * <p>The interval is a percentile bootstrap of the median over the repetitions (Kalibera and Jones: the fresh JVM
 * is the unit of variation, so repetitions are the independent samples; windows inside one JVM are not). It is
 * seeded, so the same figures give the same interval and a report regenerated from results.json is identical.
 * With few repetitions it cannot be narrower than the data allow: with 3 it is the min–max range, which is why the
 * runner adds repetitions where an interval stays wide ({@link #relativeHalfWidth()}).
 */
public record Summary(double median, double min, double max, int count, double ciLow, double ciHigh) {
    static final int RESAMPLES = 2000;
    private static final long SEED = 0x5eed_ba5eL;
    static final double CONFIDENCE = 0.95;
    /** An interval wider than ±5% of its median is "wide": the runner adds repetitions, the tables flag it. */
    public static final double TARGET_HALF_WIDTH = 0.05;
    /** Medians closer than this share of the larger are a tie even where the intervals are apart ({@link #sameAs}). */
    public static final double EQUIVALENCE = 0.02;

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = new Median().evaluate(sorted);
        double[] interval = bootstrap(sorted);
        return new Summary(median, sorted[0], sorted[n - 1], n, interval[0], interval[1]);
    }

    /** The 2.5th and 97.5th percentiles of the medians of {@link #RESAMPLES} resamples with replacement. */
    private static double[] bootstrap(double[] values) {
        int n = values.length;
        if (n == 1 || values[0] == values[n - 1]) {
            return new double[] {values[0], values[n - 1]};
        }
        SplittableRandom random = new SplittableRandom(SEED);
        Median median = new Median();
        double[] medians = new double[RESAMPLES];
        double[] resample = new double[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                resample[i] = values[random.nextInt(n)];
            }
            medians[r] = median.evaluate(resample);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double tail = (1 - CONFIDENCE) / 2 * 100;
        return new double[] {percentile.evaluate(medians, tail), percentile.evaluate(medians, 100 - tail)};
    }

    /** Half the interval's width over the median: 0.05 is ±5%. 0 when every repetition agreed. */
    public double relativeHalfWidth() {
        double half = (ciHigh - ciLow) / 2;
        if (half == 0) {
            return 0;
        }
        return median == 0 ? Double.POSITIVE_INFINITY : half / Math.abs(median);
    }

    /** Wider than ±{@link #TARGET_HALF_WIDTH} of the median. */
    public boolean wide() {
        return relativeHalfWidth() > TARGET_HALF_WIDTH;
    }

    /** Whether the two intervals share any value: then the two medians are a tie, not a ranking. */
    public boolean overlaps(Summary other) {
        return ciLow <= other.ciHigh && other.ciLow <= ciHigh;
    }

    /**
     * Whether the data cannot rank the two: their intervals overlap, or their medians differ by no more than
     * {@link #EQUIVALENCE} of the larger. The margin is for figures whose repetitions agree more closely than two
     * runs do: a compression ratio of a seeded payload, a close time on a timer, memory per connection. Their
     * intervals are a fraction of a percent wide while the next run lands a few tenths of a percent away, and a
     * ranking that a rerun flips is noise, not a finding. Two single observations are a count, not repeated
     * measurements (a measured row needs every repetition of the profile, at least 3; a conformance total has
     * one): there is no noise to allow for, so they tie only when equal.
     */
    public boolean sameAs(Summary other) {
        if (count == 1 && other.count == 1) {
            return median == other.median;
        }
        return overlaps(other) || Math.abs(median - other.median)
                <= EQUIVALENCE * Math.max(Math.abs(median), Math.abs(other.median));
    }
}
