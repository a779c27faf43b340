package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EchoLoad with varying messages and IdleConnections' one exchange, over deflate against a real Netty server. */
class VaryingEchoTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> MESSAGES = new JsonNotifications(7).batch(50, 2048);

    @Test
    void everyVaryingMessageComesBackUnchanged() throws Exception {
        try (NotificationServer server = NotificationServer.start(config());
             WsClient client = LoadClients.find("netty").create(
                     ClientOptions.defaults().withIoThreads(1).withCompression(true));
             EchoLoad load = EchoLoad.open(client, uri(server), 4)) {
            assertThat(load.compressedConnections()).isEqualTo(4);
            load.start(MESSAGES);
            await().atMost(PATIENCE).until(() -> load.echoesSinceCut() >= 200 || load.problem() != null);
            assertThat(load.echoesSinceCut()).as(String.valueOf(load.problem())).isGreaterThanOrEqualTo(200);
            load.stop(PATIENCE);
            assertThat(load.problem()).isNull();
        }
    }

    @Test
    void exchangeOneSendsAMessageOnEveryConnectionAndWaitsForEveryEcho() throws Exception {
        try (NotificationServer server = NotificationServer.start(config());
             WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1)
                     .withCompression(true).withContextTakeover(false))) {
            IdleConnections idle = IdleConnections.open(client, uri(server), 20, 0,
                    SourceAddresses.forConnections(20, 28_000));
            assertThat(idle.compressed()).isEqualTo(20);
            idle.exchangeOne(MESSAGES, PATIENCE);
            idle.exchangeOne(MESSAGES, PATIENCE);
            assertThat(idle.closedSinceOpen()).isZero();
        }
    }

    private static ServerConfig config() {
        return ServerConfig.defaults().withImpl("netty").withPorts(0, 0).withCompression(true, 1);
    }

    private static URI uri(NotificationServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }
}
