package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.bench.LoadClients;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {

    @Test
    void opensEveryConnectionFromEachSourceAddressAndKeepsThemOpen() throws Exception {
        try (NotificationServer server = NotificationServer.start(config("netty", false));
             WsClient client = LoadClients.find("netty").create(ClientOptions.defaults())) {
            SourceAddresses sources = SourceAddresses.forConnections(30, 14); // 10 per address: 127.0.0.2-4
            IdleConnections idle = IdleConnections.open(client, uri(server), 30, 500, sources);

            assertThat(idle.opened()).isEqualTo(30);
            assertThat(idle.failed()).isZero();
            assertThat(idle.compressed()).isZero();
            assertThat(idle.connectNanos().getTotalCount()).isEqualTo(30);
            // the client sees the 101 before the server's event loop has registered the connection in the Hub
            await().atMost(Duration.ofSeconds(30)).until(() -> server.hub().connectionCount() == 30);
            assertThat(idle.closedSinceOpen()).isZero();
            for (String source : List.of("127.0.0.2", "127.0.0.3", "127.0.0.4")) {
                assertThat(establishedFrom(source, server.port())).as(source).isEqualTo(10);
            }
        }
    }

    @Test
    void deflateOfferedToAServerWithCompressionOnIsNegotiatedOnEveryConnection() throws Exception {
        try (NotificationServer server = NotificationServer.start(config("netty", true));
             WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withCompression(true))) {
            IdleConnections idle = IdleConnections.open(client, uri(server), 5, 0,
                    SourceAddresses.forConnections(5, 28_000));

            assertThat(idle.opened()).isEqualTo(5);
            assertThat(idle.compressed()).isEqualTo(5);
        }
    }

    @Test
    void refusedConnectionsAreCountedWithTheirReason() throws Exception {
        int closedPort;
        try (NotificationServer server = NotificationServer.start(config("netty", false))) {
            closedPort = server.port();
        }
        try (WsClient client = LoadClients.find("netty").create(ClientOptions.defaults())) {
            IdleConnections idle = IdleConnections.open(client,
                    URI.create("ws://127.0.0.1:" + closedPort + "/ws-notifications"), 3, 0,
                    SourceAddresses.forConnections(3, 28_000));

            assertThat(idle.opened()).isZero();
            assertThat(idle.failed()).isEqualTo(3);
            assertThat(idle.firstFailure()).containsIgnoringCase("refused");
        }
    }

    private static ServerConfig config(String impl, boolean compression) {
        return ServerConfig.defaults().withImpl(impl).withPorts(0, 0).withCompression(compression, 6);
    }

    private static URI uri(NotificationServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }

    /** ESTABLISHED TCP connections from {@code source} to 127.0.0.1:{@code port}, as the kernel lists them. */
    private static long establishedFrom(String source, int port) throws IOException {
        String[] b = source.split("\\.");
        String local = String.format(Locale.ROOT, "%02X%02X%02X%02X", Integer.parseInt(b[3]), Integer.parseInt(b[2]),
                Integer.parseInt(b[1]), Integer.parseInt(b[0]));
        String remote = String.format(Locale.ROOT, "0100007F:%04X", port);
        long count = 0;
        // a dual-stack socket lists an IPv4 peer in tcp6 as ::ffff:a.b.c.d, whose last 8 hex digits are the same
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            count += Files.readAllLines(Path.of(table)).stream().skip(1)
                    .map(l -> l.strip().split("\\s+"))
                    .filter(f -> f[1].split(":")[0].endsWith(local) && f[2].endsWith(remote) && f[3].equals("01"))
                    .count();
        }
        return count;
    }
}
