package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Watches this JVM's own process: real /proc readings, a heap reading we control. */
class MemoryPeakTest {
    private static final long PID = ProcessHandle.current().pid();

    @Test
    void thePeakIsTheHighestReadingAndGrowthIsOverTheStart() throws Exception {
        AtomicLong heap = new AtomicLong(100);
        MemoryPeak watch = MemoryPeak.start(PID, heap::get, Duration.ofMillis(5));
        heap.set(900);
        byte[] touched = new byte[32 * 1024 * 1024];
        for (int i = 0; i < touched.length; i += 4096) {
            touched[i] = 1;
        }
        heap.set(300); // the last reading is lower: the peak stays
        MemoryPeak.Peak peak = watch.stop();
        assertThat(touched[0]).isEqualTo((byte) 1);
        assertThat(peak.rssStartBytes()).isPositive();
        assertThat(peak.rssMaxBytes()).isGreaterThanOrEqualTo(peak.rssStartBytes());
        assertThat(peak.hasHeap()).isTrue();
        assertThat(peak.heapStartBytes()).isEqualTo(100);
        assertThat(peak.heapMaxBytes()).isGreaterThanOrEqualTo(300);
        assertThat(peak.heapGrowthBytes()).isEqualTo(peak.heapMaxBytes() - 100);
    }

    @Test
    void aHeapThatCannotBeReadLeavesHeapOutButKeepsRss() throws Exception {
        MemoryPeak.Peak peak = MemoryPeak.start(PID, () -> {
            throw new IOException("no /metrics");
        }, Duration.ofMillis(5)).stop();
        assertThat(peak.hasHeap()).isFalse();
        assertThat(peak.rssMaxBytes()).isPositive();
    }

    @Test
    void aProcessThatIsNotThereCannotBeWatched() {
        assertThatThrownBy(() -> MemoryPeak.start(Integer.MAX_VALUE, () -> 1, Duration.ofMillis(5)))
                .isInstanceOf(IOException.class);
    }
}
