package io.wsbench.bench.load;

import io.wsbench.bench.result.WarmUp;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Warm-up to a steady state instead of for a fixed time: the load runs in short windows until the last
 * {@code windows} of them agree within {@code tolerance} ((max − min) / mean), or until {@code cap}. A fresh JVM's
 * first seconds are interpreted code and JIT threads competing with the event loop; a fixed warm-up let that
 * fall on whichever cell ran first in a JVM.
 *
 * @param window    one short window
 * @param windows   how many successive windows must agree
 * @param tolerance their largest spread, as a share of their mean
 * @param cap       the longest warm-up; past it the window is measured anyway and says it was not steady
 */
public record SteadyState(Duration window, int windows, double tolerance, Duration cap) {

    /** The rate of one short window: called once per window, right after it ends. */
    public interface Rate {
        double sinceLastCall() throws Exception;
    }

    /** The same rule with another cap. */
    public SteadyState withCap(Duration other) {
        return new SteadyState(window, windows, tolerance, other);
    }

    /** Runs windows until steady or the cap; {@code rate} is read (and reset) at the end of each window. */
    public WarmUp await(Rate rate) throws Exception {
        long start = System.nanoTime();
        long capNanos = cap.toNanos();
        Deque<Double> last = new ArrayDeque<>();
        rate.sinceLastCall(); // what came before the warm-up does not count
        while (true) {
            Thread.sleep(window.toMillis());
            last.addLast(rate.sinceLastCall());
            if (last.size() > windows) {
                last.removeFirst();
            }
            long elapsed = System.nanoTime() - start; // read once: the reported time is the one the cap was judged by
            if (last.size() == windows && agree(last)) {
                return new WarmUp(elapsed / 1e9, true);
            }
            if (elapsed >= capNanos) {
                return new WarmUp(elapsed / 1e9, false);
            }
        }
    }

    boolean agree(Iterable<Double> rates) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        int n = 0;
        for (double r : rates) {
            min = Math.min(min, r);
            max = Math.max(max, r);
            sum += r;
            n++;
        }
        double mean = sum / n;
        return mean > 0 && (max - min) / mean <= tolerance;
    }
}
