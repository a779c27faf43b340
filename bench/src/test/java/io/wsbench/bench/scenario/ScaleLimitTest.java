package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleLimitTest {

    @Test
    void eachLimitIsNamedFromWhatTheProcessesSay() {
        assertThat(ScaleLimit.of("connect(..) failed: Too many open files")).isEqualTo(ScaleLimit.FILES);
        assertThat(ScaleLimit.of("2026/12/07 [alert] 12#12: 16384 worker_connections are not enough"))
                .isEqualTo(ScaleLimit.FILES);
        assertThat(ScaleLimit.of("connect(..) failed: Cannot assign requested address")).isEqualTo(ScaleLimit.PORTS);
        assertThat(ScaleLimit.of("java.lang.OutOfMemoryError: Java heap space")).isEqualTo(ScaleLimit.MEMORY);
        assertThat(ScaleLimit.of("load agent 3 did not answer within 120 s (timed out)")).isEqualTo(ScaleLimit.TIME);
        assertThat(ScaleLimit.of("server CPU saturated: replicas + nginx + nats used 0.98 of 1 CPU(s)"))
                .isEqualTo(ScaleLimit.CPU);
        assertThat(ScaleLimit.of("load agent 1: 1276 failed, first: no handshake response within 30000 ms"))
                .isEqualTo(ScaleLimit.TIME);
        assertThat(ScaleLimit.of("something else")).isEqualTo(ScaleLimit.UNKNOWN);
    }

    @Test
    void theRowSaysHowManyWereHeldAndQuotesTheLineThatNamedTheLimit() {
        String why = ScaleLimit.shortOf(61_234, 100_000, "load agent 2: 10 failed, first: connection reset\n"
                + "2026/12/07 [alert] 7#7: 18976 worker_connections are not enough");

        assertThat(why).isEqualTo("held 61,234 of 100,000: files (2026/12/07 [alert] 7#7: 18976 worker_connections"
                + " are not enough)");
    }

    @Test
    void aStepOutOfTimeOnASaturatedServerCpuNamesTheCpu() {
        String why = ScaleLimit.shortOf(97_993, 100_000, "server CPU saturated: replicas + nginx + nats used 0.97 of"
                + " 1 CPU(s) during the step\nload agent 1: 432 of 8333 connection attempts had not ended 65 s after"
                + " the last one started");

        assertThat(why).startsWith("held 97,993 of 100,000: time: server CPU saturated (server CPU saturated: ");
    }

    @Test
    void withoutEvidenceTheLimitIsSaidToBeUnidentified() {
        assertThat(ScaleLimit.shortOf(5, 10, "")).isEqualTo("held 5 of 10: not identified");
    }
}
