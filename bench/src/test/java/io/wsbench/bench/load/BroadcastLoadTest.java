package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BroadcastLoadTest {
    private static final URI SERVER = URI.create("ws://127.0.0.1:1/ws-notifications");
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIo() {
        io.shutdownNow();
    }

    @Test
    void everySubscriberRecordsOneReceiptPerBroadcast() throws Exception {
        FakeHubClient client = new FakeHubClient(io, i -> false);
        try (BroadcastLoad load = BroadcastLoad.open(client, SERVER)) {
            load.growTo(20);
            load.growTo(50);
            assertThat(client.opened()).isEqualTo(51);
            for (int i = 0; i < 3; i++) {
                BroadcastDelivery d = load.broadcast(PATIENCE);
                assertThat(d.complete()).isTrue();
                assertThat(d.firstMillis()).isLessThanOrEqualTo(d.lastMillis());
            }
            Histogram receipts = load.cut();
            assertThat(receipts.getTotalCount()).isEqualTo(150);
            assertThat(load.problem()).isNull();
        }
    }

    @Test
    void subscribersClosedToShrinkAreNeitherCountedNorAProblem() throws Exception {
        FakeHubClient client = new FakeHubClient(io, i -> false);
        try (BroadcastLoad load = BroadcastLoad.open(client, SERVER)) {
            load.growTo(50);
            load.shrinkTo(20);
            assertThat(load.subscribers()).isEqualTo(20);
            // the fake hub still sends to the closed ones: their receipts must not count
            BroadcastDelivery d = load.broadcast(PATIENCE);
            assertThat(d.complete()).isTrue();
            assertThat(load.cut().getTotalCount()).isEqualTo(20);
            assertThat(load.problem()).isNull();
            load.growTo(30);
            assertThat(load.subscribers()).isEqualTo(30);
        }
    }

    @Test
    void aSubscriberThatMissesABroadcastIsCounted() throws Exception {
        // connection 0 is the sender; subscriber 3 never hears a broadcast
        try (BroadcastLoad load = BroadcastLoad.open(new FakeHubClient(io, i -> i == 3), SERVER)) {
            load.growTo(10);
            BroadcastDelivery d = load.broadcast(Duration.ofMillis(200));
            assertThat(d.missing()).isEqualTo(1);
            assertThat(d.complete()).isFalse();
            assertThat(d.resultArrived()).isTrue();
        }
    }

    @Test
    void connectionsTheServerClosesAreAProblem() throws Exception {
        FakeHubClient client = new FakeHubClient(io, i -> false);
        try (BroadcastLoad load = BroadcastLoad.open(client, SERVER)) {
            load.growTo(4);
            client.dropAll();
            BroadcastDelivery d = load.broadcast(PATIENCE);
            assertThat(d.complete()).isTrue();
            assertThat(load.problem()).contains("5 of 5 connections closed during the run");
        }
    }

    @Test
    void thePayloadIsReadWithoutParsingJson() {
        assertThat(BroadcastLoad.payload("{\"type\":\"broadcast\",\"payload\":\"12:34567\"}",
                BroadcastLoad.RECEIPT_PREFIX)).containsExactly(12, 34567);
        assertThat(BroadcastLoad.payload("{\"type\":\"broadcast\",\"payload\":\"x:1\"}",
                BroadcastLoad.RECEIPT_PREFIX)).isNull();
        assertThat(BroadcastLoad.payload("{\"type\":\"broadcast\",\"payload\":\"12:\"}",
                BroadcastLoad.RECEIPT_PREFIX)).isNull();
        assertThat(BroadcastLoad.payload("hello", BroadcastLoad.RECEIPT_PREFIX)).isNull();
    }
}
