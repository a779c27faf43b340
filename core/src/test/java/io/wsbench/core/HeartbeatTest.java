package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void silentPeerIsPingedThenClosedNoEarlierThanPongWait() throws Exception {
        try (Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(50), Duration.ofMillis(300))) {
            AtomicInteger pings = new AtomicInteger();
            CountDownLatch closed = new CountDownLatch(1);
            long start = System.nanoTime();
            heartbeat.watch(new Heartbeat.Peer() {
                @Override
                public void ping() {
                    pings.incrementAndGet();
                }

                @Override
                public void closeDead() {
                    closed.countDown();
                }
            });
            assertThat(closed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(pings.get()).isPositive();
        }
    }

    @Test
    void peerThatKeepsAnsweringIsNeverClosed() throws Exception {
        try (Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(20), Duration.ofSeconds(2))) {
            CountDownLatch closed = new CountDownLatch(1);
            Heartbeat.Watch[] watch = new Heartbeat.Watch[1];
            watch[0] = heartbeat.watch(new Heartbeat.Peer() {
                @Override
                public void ping() {
                    if (watch[0] != null) {
                        watch[0].alive(); // an instant pong
                    }
                }

                @Override
                public void closeDead() {
                    closed.countDown();
                }
            });
            assertThat(closed.await(5, TimeUnit.SECONDS)).isFalse(); // 2.5 pong waits
            watch[0].stop();
        }
    }
}
