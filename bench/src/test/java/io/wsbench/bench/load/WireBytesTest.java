package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WireBytes;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Netty client's socket byte counts ({@link WsClient#wireBytes()}) against a real server (Netty, in this JVM),
 * and what its deflate offer with and without context takeover does to them.
 */
class WireBytesTest {
    private static final String JSON = new JsonNotifications(1).next(2048);
    private static final int JSON_BYTES = JSON.getBytes(StandardCharsets.UTF_8).length;

    @Test
    void withoutDeflateEachMessageCostsItsBytesPlusTheFrameHeaderBothWays() throws Exception {
        try (NotificationServer server = NotificationServer.start(config(false));
             WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1))) {
            Echo echo = Echo.open(client, uri(server));
            WireBytes first = echo.roundTrip(JSON);
            // client frames: 2 + 2 (16-bit length) + 4 (mask) bytes of header; server frames: 2 + 2
            assertThat(first.written()).isEqualTo(JSON_BYTES + 8);
            assertThat(first.read()).isEqualTo(JSON_BYTES + 4);
        }
    }

    @Test
    void withContextTakeoverARepeatedMessageShrinksToBackReferencesBothWays() throws Exception {
        try (NotificationServer server = NotificationServer.start(config(true));
             WsClient client = LoadClients.find("netty").create(
                     ClientOptions.defaults().withIoThreads(1).withCompression(true))) {
            Echo echo = Echo.open(client, uri(server));
            assertThat(echo.connection.compressed()).isTrue();
            WireBytes first = echo.roundTrip(JSON);
            WireBytes again = echo.roundTrip(JSON);
            assertThat(first.written()).isLessThan(JSON_BYTES);
            assertThat(first.read()).isLessThan(JSON_BYTES);
            // the whole message is already in both windows: a few back-references
            assertThat(again.written()).isLessThan(first.written() / 4);
            assertThat(again.read()).isLessThan(first.read() / 4);
        }
    }

    @Test
    void withoutContextTakeoverEveryMessageIsDeflatedFromAnEmptyWindowBothWays() throws Exception {
        try (NotificationServer server = NotificationServer.start(config(true));
             WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1)
                     .withCompression(true).withContextTakeover(false))) {
            Echo echo = Echo.open(client, uri(server));
            assertThat(echo.connection.compressed()).isTrue();
            WireBytes first = echo.roundTrip(JSON);
            WireBytes again = echo.roundTrip(JSON);
            assertThat(first.written()).isLessThan(JSON_BYTES);
            assertThat(again).isEqualTo(first);
        }
    }

    private static ServerConfig config(boolean compression) {
        return ServerConfig.defaults().withImpl("netty").withPorts(0, 0).withCompression(compression, 6);
    }

    private static URI uri(NotificationServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }

    /** One connection; each round trip's socket bytes, from before the send to after the echo. */
    private static final class Echo implements ClientListener {
        private final LinkedBlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        private WsClient client;
        private ClientConnection connection;

        static Echo open(WsClient client, URI uri) throws Exception {
            Echo e = new Echo();
            e.client = client;
            e.connection = client.connect(uri, null, e).get(30, TimeUnit.SECONDS);
            return e;
        }

        WireBytes roundTrip(String text) throws Exception {
            WireBytes before = client.wireBytes().orElseThrow();
            connection.sendText(text);
            assertThat(echoes.poll(30, TimeUnit.SECONDS)).isEqualTo(text);
            return client.wireBytes().orElseThrow().minus(before);
        }

        @Override
        public void onText(ClientConnection c, String text) {
            echoes.add(text);
        }
    }
}
