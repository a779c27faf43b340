package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitQuietTest {

    @Test
    void aJvmWhoseCompilersIdleIsWarmOnceEveryShapeRan() throws Exception {
        List<Integer> shapes = new ArrayList<>();
        JitQuiet quiet = new JitQuiet(Duration.ofMillis(200), JitQuiet.QUIET_CORES, Duration.ofSeconds(30));
        // this JVM, sleeping: its compilers have nothing to compile
        WarmUp w = quiet.run(ProcessHandle.current().pid(), 3, (shape, length) -> {
            shapes.add(shape);
            Thread.sleep(length.toMillis());
        });
        assertThat(w.steady()).isTrue();
        assertThat(shapes).startsWith(0, 1, 2);
    }

    @Test
    void withoutProcItRunsToTheCapAndSaysItWasNotSteady() throws Exception {
        List<Integer> shapes = new ArrayList<>();
        JitQuiet quiet = new JitQuiet(Duration.ofMillis(10), JitQuiet.QUIET_CORES, Duration.ofMillis(50));
        WarmUp w = quiet.run(Long.MAX_VALUE, 2, (shape, length) -> {
            shapes.add(shape);
            Thread.sleep(length.toMillis());
        });
        assertThat(w.steady()).isFalse();
        assertThat(w.seconds()).isGreaterThanOrEqualTo(0.05);
        assertThat(shapes).startsWith(0, 1, 0);
    }
}
