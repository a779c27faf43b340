package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.machine.ThreadCpu;
import io.wsbench.bench.result.WarmUp;
import java.time.Duration;
import java.util.Map;

/**
 * Warms a fresh server JVM until its JIT compilers go quiet, not for a fixed time. The load runs in slices; after
 * each slice the compiler threads' CPU over it is read from /proc/PID/task ({@link ThreadCpu}), and the warm-up
 * ends once a slice used less than {@code quietCores} of a core for compiling, with every load shape run at least
 * once, or at the cap. On the server's one core the compilers run instead of the event loops: a first window
 * measured while they were busy (0.31 cores of JIT in the first echo cell of a quick run against 0.02 in later
 * ones) is why the first cell of a repetition came out ×0.68 of the same cell measured later.
 *
 * <p>Measured: under echo load on its one core a fresh server JVM was still compiling (0.3–0.6 cores of JIT in
 * a 400 ms slice) after 6 s in every repetition, so quick caps at 3 s: the gate costs a fixed 3 s per JVM there,
 * and the JIT column of each cell, not the warm-up, tells whether a window measured compiled code.
 *
 * @param slice      one slice of load, one shape
 * @param quietCores compiler CPU per slice, in cores, below which the JVM counts as compiled
 * @param cap        the longest warm-up; a JVM still compiling then is measured anyway and the figure says so
 */
public record JitQuiet(Duration slice, double quietCores, Duration cap) {

    /** 5% of a core: what a compiled JVM's compilers still use now and then. */
    static final double QUIET_CORES = 0.05;

    /** One slice of load of shape {@code shape} (0, 1, … cycling) for {@code length}. */
    @FunctionalInterface
    public interface Slice {
        void run(int shape, Duration length) throws Exception;
    }

    public static JitQuiet of(Profile profile) {
        return new JitQuiet(profile.pick(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1)),
                QUIET_CORES, profile.pick(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofSeconds(30)));
    }

    /**
     * Runs slices over {@code shapes} load shapes in turn until a slice after the first round is quiet, or the cap.
     *
     * @param pid the server JVM's process id
     */
    public WarmUp run(long pid, int shapes, Slice load) throws Exception {
        long start = System.nanoTime();
        Map<String, Double> threads = ThreadCpu.of(pid);
        // a server with no JIT compiler threads (Go, Node.js) has nothing to wait for once every shape ran
        boolean noJit = !threads.isEmpty() && !threads.containsKey(ThreadCpu.JIT);
        for (int i = 0; ; i++) {
            double before = ThreadCpu.of(pid).getOrDefault(ThreadCpu.JIT, Double.NaN);
            long sliceStart = System.nanoTime();
            load.run(i % shapes, slice);
            double after = ThreadCpu.of(pid).getOrDefault(ThreadCpu.JIT, Double.NaN);
            long now = System.nanoTime();
            double seconds = (now - start) / 1e9;
            double cores = (after - before) / ((now - sliceStart) / 1e9);
            // false for NaN: without /proc the cap is the warm-up
            if (i + 1 >= shapes && (noJit || cores < quietCores)) {
                return new WarmUp(seconds, true);
            }
            if (seconds >= cap.toNanos() / 1e9) {
                return new WarmUp(seconds, false);
            }
        }
    }

    /** How the warm-up reads in a scenario's header. */
    public String describe() {
        return "warmed up in " + slice.toMillis() + " ms slices until its JIT compiler threads used under "
                + Math.round(quietCores * 100) + "% of a core in one (/proc/PID/task), at most " + cap.toMillis()
                + " ms";
    }
}
