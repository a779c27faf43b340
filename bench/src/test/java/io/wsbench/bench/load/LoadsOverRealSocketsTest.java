package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.LoadClients;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broadcast and fixed-rate loads against a real server (Netty, in this JVM) through the Netty client. */
class LoadsOverRealSocketsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static NotificationServer server;
    private static URI uri;

    @BeforeAll
    static void startServer() throws Exception {
        server = NotificationServer.start(ServerConfig.defaults().withImpl("netty").withPorts(0, 0));
        uri = URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void everySubscriberGetsEveryBroadcastThroughTheHub() throws Exception {
        try (WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1));
             BroadcastLoad load = BroadcastLoad.open(client, uri)) {
            load.growTo(30);
            for (int i = 0; i < 3; i++) {
                assertThat(load.broadcast(PATIENCE).complete()).isTrue();
            }
            load.growTo(600); // more than one opening batch
            BroadcastDelivery d = load.broadcast(PATIENCE);
            assertThat(d.complete()).isTrue();
            assertThat(load.cut().getTotalCount()).isEqualTo(3 * 30 + 600);
            assertThat(load.problem()).isNull();
        }
    }

    @Test
    void everyScheduledMessageComesBackAndIsRecorded() throws Exception {
        try (WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1));
             FixedRateLoad load = FixedRateLoad.open(client, uri, 8, 1024)) {
            FixedRateWindow w = load.run(1000, Duration.ofMillis(100), Duration.ofMillis(500), PATIENCE);
            assertThat(w.latencyNanos().getTotalCount()).isEqualTo(500);
            assertThat(w.arrivals()).isPositive();
            assertThat(load.problem()).isNull();
        }
    }
}
