package io.wsbench.bench.deflate;

import io.wsbench.bench.Profile;
import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long JMH measures for a profile, and which sizes. The JMH measurement iterations are the scenario's
 * repetitions (tables: median, min and max of the iterations' µs/op; JMH's own score ± error is kept as a column).
 * A fork is one JVM per codec running all its benchmarks ({@link JmhDeflateRun}). Budget: quick measures 2 KiB
 * only, per library 2 directions × 3 levels of deflate plus frame encode/decode (8 benchmarks, 6 for raw zlib),
 * one JVM per codec, 1 × 0.5 s warm-up and 3 × 0.5 s measured: about 20 s per codec with its JVM start on the
 * loaded 2-core machine, ~100 s for all four libraries and zlib; full adds 200 B and 20 KiB, 2 JVMs per codec,
 * 1 × 1 s warm-up and 5 × 1 s (measured: 5.7 min for netty, 4 min for zlib, so ~27 min for all); smoke runs in
 * the bench's JVM, no warm-up, 3 × 100 ms.
 *
 * @param forks                 JVMs per codec; 0 runs in the bench's JVM
 * @param measurementIterations per fork; forks × this is the row's repetition count
 */
public record JmhSettings(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
                          TimeValue measurementTime, List<Integer> sizes) {

    public static final List<Integer> LEVELS = List.of(1, 6, 9);

    public static JmhSettings of(Profile profile) {
        return profile.pick(
                new JmhSettings(0, 0, TimeValue.milliseconds(100), profile.repetitions(), TimeValue.milliseconds(100),
                        List.of(2048)),
                new JmhSettings(1, 1, TimeValue.milliseconds(500), profile.repetitions(), TimeValue.milliseconds(500),
                        List.of(2048)),
                new JmhSettings(2, 1, TimeValue.seconds(1), profile.repetitions(), TimeValue.seconds(1),
                        io.wsbench.bench.payload.JsonNotifications.SIZES));
    }

    /** For the report's header: forks, warm-up and measured iterations. */
    public String describe() {
        String where = forks == 0 ? "in the bench's JVM (no fork)" : forks + " fork" + (forks > 1 ? "s" : "")
                + " per library";
        return where + ", " + warmupIterations + " × " + warmupTime + " warm-up and " + measurementIterations
                + " × " + measurementTime + " measured iterations; the iterations are the repetitions (not"
                + " independent JVMs, so their interval is JMH's noise within one JVM)";
    }
}
