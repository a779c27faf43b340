package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.CloseCodes;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduledConnectsTest {
    private static final URI SERVER = URI.create("ws://127.0.0.1:1/ws-notifications");
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIo() {
        io.shutdownNow();
    }

    @Test
    void aServerThatKeepsUpCompletesAtTheOfferedRateAndEachConnectionIsHandedOver() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        // the first call loads classes for tens of milliseconds: the measured run's first completion must not
        ScheduledConnects.run(new FakeHubClient(io, i -> false), SERVER, 5, 0, SourceAddresses.forConnections(5,
                28_000), (connection, text) -> { }, connection -> { }, true);
        ScheduledConnects c = ScheduledConnects.run(new FakeHubClient(io, i -> false), SERVER, 50, 200,
                SourceAddresses.forConnections(50, 28_000), (connection, text) -> { },
                connection -> {
                    connection.close(CloseCodes.NORMAL, "");
                    closed.incrementAndGet();
                }, true);
        assertThat(c.opened()).isEqualTo(50);
        assertThat(closed).hasValue(50);
        assertThat(c.failed()).isZero();
        // 49 gaps of 5 ms: completions span about 245 ms
        assertThat(c.completedPerSecond()).isBetween(120.0, 210.0);
        assertThat(c.connectNanos().getTotalCount()).isEqualTo(50);
    }
}
