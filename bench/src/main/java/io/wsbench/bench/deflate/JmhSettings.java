package io.wsbench.bench.deflate;

import io.wsbench.bench.Profile;
import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures for a profile, and which sizes. Each repetition of the scenario is one JVM per codec
 * running all its benchmarks ({@link JmhDeflateRun}), its median iteration the repetition's figure, and the runner
 * interleaves those JVMs across the libraries as it interleaves server JVMs elsewhere: the JVM is the unit of
 * variation (JIT decisions, heap layout), and iterations inside one JVM agree more closely than two JVMs do, so an
 * interval over iterations claimed a precision a second run did not reproduce (11 of 30 cells agreed between two
 * quick runs). Budget: quick measures 2 KiB only, per library 2 directions × 3 levels of deflate plus frame
 * encode/decode (8 benchmarks, 6 for raw zlib), each JVM 2 × 0.3 s warm-up and 2 × 0.25 s measured per benchmark:
 * about 10 s with its start, ~2.5 min for three repetitions of four libraries and zlib (with one warm-up
 * iteration, a fork now and then still ran several times slower than its siblings, e.g. netty frame encode 63.8,
 * 67.3 and 469 MB/s in three forks, and 6 of 30 cells disagreed between two back-to-back runs); full adds 200 B and 20 KiB,
 * 1 × 1 s warm-up and 3 × 1 s; smoke runs in the bench's JVM, no warm-up.
 *
 * @param fork                  a JVM of its own per repetition (smoke: false, the bench's JVM)
 * @param measurementIterations per repetition; their median is its figure
 */
public record JmhSettings(boolean fork, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                          TimeValue measurementTime, List<Integer> sizes) {

    public static final List<Integer> LEVELS = List.of(1, 6, 9);

    public static JmhSettings of(Profile profile) {
        return profile.pick(
                new JmhSettings(false, 0, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100),
                        List.of(2048)),
                new JmhSettings(true, 2, TimeValue.milliseconds(300), 2, TimeValue.milliseconds(250),
                        List.of(2048)),
                new JmhSettings(true, 1, TimeValue.seconds(1), 3, TimeValue.seconds(1),
                        io.wsbench.bench.payload.JsonNotifications.SIZES));
    }

    /** For the report's header: where, warm-up and measured iterations. */
    public String describe() {
        String each = "every benchmark " + (warmupIterations > 0 ? warmupIterations + " × " + warmupTime
                + " warm-up and " : "") + measurementIterations + " × " + measurementTime + " measured";
        return fork ? "a JVM per library and repetition, " + each + "; the JVM's median iteration is the"
                + " repetition's figure, so the interval is between JVMs"
                : "in the bench's JVM (no fork), " + each + " per repetition; the repetitions share that JVM, so"
                + " the interval is noise within one JVM";
    }
}
