package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FixedRateLoadTest {
    private static final URI SERVER = URI.create("ws://127.0.0.1:1/ws-notifications");
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIo() {
        io.shutdownNow();
    }

    @Test
    void everyMessageIntendedInTheWindowIsRecordedOnce() throws Exception {
        try (FixedRateLoad load = FixedRateLoad.open(new FakeHubClient(io, i -> false), SERVER, 4, 1024)) {
            // 1,000 msgs/s for 200 ms of warm-up and 300 ms measured: exactly 300 intended in the window
            FixedRateWindow w = load.run(1000, Duration.ofMillis(200), Duration.ofMillis(300), DRAIN);
            assertThat(w.latencyNanos().getTotalCount()).isEqualTo(300);
            assertThat(w.offered()).isEqualTo(1000);
            assertThat(w.latencyNanos().getMinValue()).isPositive();
            assertThat(load.problem()).isNull();
        }
    }

    @Test
    void aStalledServerCountsAgainstEveryMessageItHeldUp() throws Exception {
        // the "server" answers nothing until the 50th message is in; at 500 msgs/s that one is due 98 ms after
        // the first, so the first message's latency from its intended time is at least 98 ms by the schedule
        try (FixedRateLoad load = FixedRateLoad.open(new FakeHubClient(io, i -> false, 50), SERVER, 2, 64)) {
            FixedRateWindow w = load.run(500, Duration.ZERO, Duration.ofMillis(200), DRAIN);
            assertThat(w.latencyNanos().getTotalCount()).isEqualTo(100);
            assertThat(w.latencyNanos().getMaxValue()).isGreaterThanOrEqualTo(98_000_000L);
        }
    }

    @Test
    void connectionsTheServerClosesFailTheRun() throws Exception {
        FakeHubClient client = new FakeHubClient(io, i -> false);
        try (FixedRateLoad load = FixedRateLoad.open(client, SERVER, 2, 64)) {
            client.dropAll();
            assertThatThrownBy(() -> load.run(200, Duration.ZERO, Duration.ofMillis(100), DRAIN))
                    .isInstanceOf(IOException.class).hasMessageContaining("closed during the run");
        }
    }
}
