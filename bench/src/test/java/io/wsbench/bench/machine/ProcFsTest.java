package io.wsbench.bench.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 30 0 100 "
                + "3000000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcFs.cpuTicksOfStat(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void thisProcessCanBeReadWhereThereIsAProcFileSystem() {
        if (!ProcFs.available()) {
            return;
        }
        long self = ProcessHandle.current().pid();
        assertThat(ProcFs.cpuSeconds(self)).hasValueSatisfying(s -> assertThat(s).isPositive());
        assertThat(ProcFs.rssBytes(self)).hasValueSatisfying(b -> assertThat(b).isGreaterThan(1024 * 1024L));
        assertThat(ProcFs.cpuSeconds(Long.MAX_VALUE)).isEmpty();
    }
}
