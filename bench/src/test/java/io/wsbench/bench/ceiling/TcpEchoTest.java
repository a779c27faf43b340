package io.wsbench.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.machine.CpuPinning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ceiling's server (its own JVM) and closed loop over real loopback sockets. */
class TcpEchoTest {
    private static final CpuPinning UNPINNED = new CpuPinning(null, List.of(), List.of(), "not pinned: test");

    @Test
    void everyEchoComesBackWholeAtEverySize() throws Exception {
        try (TcpEchoProcess server = TcpEchoProcess.start(List.of("-Xmx64m"), UNPINNED);
             TcpEchoLoad load = TcpEchoLoad.open(1, "127.0.0.1", server.port(), 4)) {
            for (int size : List.of(64, 1024, 16 * 1024)) {
                load.start(size);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> load.echoesSinceCut() >= 200 || load.problem() != null);
                EchoWindow window = load.cut();
                load.stop(Duration.ofSeconds(30));
                assertThat(load.problem()).isNull();
                assertThat(window.messages()).as("%d B round trips", size).isGreaterThanOrEqualTo(200);
            }
        }
    }

    @Test
    void closingTheProcessStopsTheServer() throws Exception {
        TcpEchoProcess server = TcpEchoProcess.start(List.of("-Xmx64m"), UNPINNED);
        assertThat(server.isAlive()).isTrue();
        server.close();
        assertThat(server.isAlive()).isFalse();
        assertThat(server.deadReason()).startsWith("the TCP echo server exited");
    }
}
