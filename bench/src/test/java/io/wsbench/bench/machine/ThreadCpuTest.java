package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void hotSpotThreadsAreToldApartFromTheStacksOwn() {
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.kind("VM Thread")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.kind("nioEventLoopGro")).isEqualTo(ThreadCpu.OTHER);
        assertThat(ThreadCpu.kind("XNIO-1 I/O-1")).isEqualTo(ThreadCpu.OTHER);
    }

    @Test
    void aBusyThreadOfThisJvmShowsUpAsItsOwnCpu() throws Exception {
        long pid = ProcessHandle.current().pid();
        Map<String, Double> before = ThreadCpu.of(pid);
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        Map<String, Double> used = ThreadCpu.minus(ThreadCpu.of(pid), before);
        assertThat(spin).isNotNegative();
        assertThat(used).containsKeys(ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.OTHER);
        assertThat(used.get(ThreadCpu.OTHER)).isPositive();
    }

    /** A process with no HotSpot threads (a Go or Node.js server; here sleep) has no JIT or GC kind, not a 0. */
    @Test
    void aProcessThatIsNoJvmHasNoJitOrGcKind() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ThreadCpu.of(sleep.pid())).containsKey(ThreadCpu.OTHER)
                    .doesNotContainKeys(ThreadCpu.JIT, ThreadCpu.GC);
        } finally {
            sleep.destroyForcibly();
        }
    }
}
