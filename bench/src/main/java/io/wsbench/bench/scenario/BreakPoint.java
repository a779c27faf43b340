package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import java.util.List;

/**
 * Where a load stops holding: climb a ladder of sizes (subscribers, connects per second) until one fails, then
 * bisect between the last that held and the first that failed until the two are within a tolerance. A doubling
 * ladder alone reports the step below the break, so two impls a few per cent apart can read as a factor of two
 * apart; the bisection is what lets the figure be ranked. The search is a value with no clock and no server in
 * it, so a unit test can check every path; the {@link Probe} does the measuring.
 *
 * @param held      the largest size that held; 0 when none did, down to the grain
 * @param failed    the smallest size that failed; 0 when none did (the ladder ran out first)
 * @param probes    how many sizes were measured
 */
public record BreakPoint(int held, int failed, int probes) {

    /** Measures one size: true when it holds. Exceptions end the search and pass through. */
    @FunctionalInterface
    public interface Probe {
        boolean holds(int size) throws Exception;
    }

    /**
     * How close the bisection gets: within 10%, and 20% in quick, where a probe near the break costs seconds a
     * repetition and the repetitions' break points spread wider than 10% anyway (run 20261207-093737: broadcast
     * held netty 8,500–16,000 subscribers, connect-rate undertow 4,308–9,898 handshakes/s).
     */
    public static double tolerance(Profile profile) {
        return profile.pick(0.10, 0.20, 0.10);
    }

    /** {@code "10% (quick: 20%)"}, for descriptions that hold for every profile. */
    static String describeTolerance() {
        return percent(tolerance(Profile.FULL)) + " (quick: " + percent(tolerance(Profile.QUICK)) + ")";
    }

    /** {@code "20%"}. */
    static String percent(double tolerance) {
        return Math.round(tolerance * 100) + "%";
    }

    /** No step failed: {@link #held()} is the top of the ladder, a lower bound ("≥ N"). */
    public boolean ladderRanOut() {
        return failed == 0;
    }

    /**
     * Climbs {@code ladder} (ascending) with {@code probe}, then bisects between the last size that held and the
     * first that failed until they differ by at most {@code tolerance} of the held one (0.1: within 10%), each
     * probe rounded to a multiple of {@code grain}. When the first step fails, the size is halved until one holds
     * (down to {@code grain}), and the bisection goes on from there: a slow repetition still gives a figure.
     */
    public static BreakPoint find(List<Integer> ladder, double tolerance, int grain, Probe probe) throws Exception {
        int held = 0;
        int failed = 0;
        int probes = 0;
        for (int size : ladder) {
            probes++;
            if (!probe.holds(size)) {
                failed = size;
                break;
            }
            held = size;
        }
        if (held == 0 && failed > 0) {
            for (int size = failed / 2 / grain * grain; size >= grain; size = size / 2 / grain * grain) {
                probes++;
                if (probe.holds(size)) {
                    held = size;
                    break;
                }
                failed = size;
            }
        }
        if (failed == 0 || held == 0) {
            return new BreakPoint(held, failed, probes);
        }
        while (failed - held > tolerance * held) {
            int mid = Math.round((held + failed) / 2f / grain) * grain;
            if (mid <= held || mid >= failed) {
                break; // the grain is coarser than what is left to split
            }
            probes++;
            if (probe.holds(mid)) {
                held = mid;
            } else {
                failed = mid;
            }
        }
        return new BreakPoint(held, failed, probes);
    }
}
