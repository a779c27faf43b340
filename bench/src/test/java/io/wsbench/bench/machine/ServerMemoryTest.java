package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ServerMemoryTest {

    @Test
    void jcmdForcesACollectionInAnotherJvm() throws Exception {
        long before = collections();

        ServerMemory.forceGc(ProcessHandle.current().pid()); // jcmd is another process: it may attach to us

        assertThat(collections()).isGreaterThan(before);
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
