package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMemoryTest {
    private static final long MIB = 1024 * 1024;
    private static final long KNOWN = 64 * MIB;

    @Test
    void jcmdForcesACollectionInAnotherJvm() throws Exception {
        long before = collections();

        ServerMemory.forceGc(ProcessHandle.current().pid()); // jcmd is another process: it may attach to us

        assertThat(collections()).isGreaterThan(before);
    }

    /**
     * The method on a known allocation: a JVM started as a user would (small initial heap, G1, no pre-touch) keeps
     * 64 MiB on its heap, then 64 MiB in a direct buffer; the settled RSS sees each within ±25%, and the split
     * puts the first on the heap's resident pages and the second in native memory.
     */
    @Test
    void rssAndItsHeapNativeSplitSeeAKnownAllocation() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xms16m", "-Xmx512m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), KnownAllocation.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertThat(out.readLine()).isEqualTo("ready");
            JavaHeap heap = JavaHeap.of(child.pid());
            long rss0 = ServerMemory.settledRssBytes(child.pid());
            long native0 = rss0 - heap.residentBytes();

            in.println("heap 64");
            assertThat(out.readLine()).isEqualTo("done");
            long rss1 = ServerMemory.settledRssBytes(child.pid());
            long native1 = rss1 - heap.residentBytes();

            in.println("native 64");
            assertThat(out.readLine()).isEqualTo("done");
            long rss2 = ServerMemory.settledRssBytes(child.pid());
            long native2 = rss2 - heap.residentBytes();

            assertThat((double) (rss1 - rss0)).as("RSS growth, 64 MiB on the heap").isCloseTo(KNOWN,
                    within(KNOWN * 0.25));
            assertThat((double) (native1 - native0)).as("native growth, 64 MiB on the heap").isCloseTo(0,
                    within(KNOWN * 0.25));
            assertThat((double) (rss2 - rss1)).as("RSS growth, 64 MiB direct").isCloseTo(KNOWN, within(KNOWN * 0.25));
            assertThat((double) (native2 - native1)).as("native growth, 64 MiB direct").isCloseTo(KNOWN,
                    within(KNOWN * 0.25));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
