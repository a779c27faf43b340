package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {

    @Test
    void cpuListsAreParsedAsTheKernelWritesThem() {
        assertThat(CpuPinning.parseList("0-1")).containsExactly(0, 1);
        assertThat(CpuPinning.parseList("0,2-4,7\n")).containsExactly(0, 2, 3, 4, 7);
    }

    @Test
    void anUnpinnedLayoutAddsNoJvmFlags() {
        CpuPinning none = new CpuPinning(null, List.of(0, 1), List.of(0, 1), "not pinned: test");
        assertThat(none.active()).isFalse();
        assertThat(none.serverJvmFlags()).isEmpty();
    }

    @Test
    void aPinnedLayoutTellsTheServerJvmHowManyCpusItHas() {
        CpuPinning two = new CpuPinning("/usr/bin/taskset", List.of(0), List.of(1), "test");
        assertThat(two.serverJvmFlags()).containsExactly("-XX:ActiveProcessorCount=1");
        assertThat(two.loadCpuCount()).isEqualTo(1);
    }

    /** Scale's layout: the server side gets every CPU and sizes its pools for them; the load stays where it was. */
    @Test
    void serverSideOnEveryCpuKeepsTheLoadWhereItWas() {
        CpuPinning two = new CpuPinning("/usr/bin/taskset", List.of(0), List.of(1), "test");
        CpuPinning every = two.serverSideOnEveryCpu();
        assertThat(every.serverCpus()).containsExactly(0, 1);
        assertThat(every.loadCpus()).containsExactly(0);
        assertThat(every.serverJvmFlags()).containsExactly("-XX:ActiveProcessorCount=2");
        assertThat(every.description()).contains("server side on CPU 0,1");
        CpuPinning none = new CpuPinning(null, List.of(0, 1), List.of(0, 1), "not pinned: test");
        assertThat(none.serverSideOnEveryCpu()).isSameAs(none);
    }
}
