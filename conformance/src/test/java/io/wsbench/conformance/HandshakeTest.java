package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.Feature;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §3.1 and RFC 6455 §4.2: the upgrade happens at WS_PATH, correctly, and nowhere else. */
@DisplayName("§3.1 Handshake")
@ExtendWith(ConformanceMatrix.class)
class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    private static ServerUnderTest server(ServerImpl impl) throws Exception {
        return SERVERS.of(impl, ScaledConfig.standard());
    }

    /** The accept key is checked by RawWebSocket against RFC 6455's sample nonce rule. */
    @ForEachImpl
    void upgradeAtPathAnswers101WithTheAcceptKey(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ConformanceMatrix.saw(ws.handshake().status());
            assertThat(ws.handshake().status()).isEqualTo(101);
        }
    }

    @ForEachImpl
    void otherPathIs404(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        HttpHead upgrade = RawWebSocket.to(server).exchange(request(server, "/not-the-path",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"));
        HttpHead plain = RawWebSocket.to(server).exchange(request(server, "/not-the-path"));
        ConformanceMatrix.saw("upgrade " + upgrade.status() + ", plain GET " + plain.status());
        assertThat(upgrade.status()).as("upgrade request at another path: %s", upgrade).isEqualTo(404);
        assertThat(plain.status()).as("plain GET at another path: %s", plain).isEqualTo(404);
    }

    @ForEachImpl
    void plainGetAtPathIs400Or426(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        HttpHead head = RawWebSocket.to(server).exchange(request(server, server.config().path()));
        ConformanceMatrix.saw(head.status());
        if (ConformanceMatrix.supports(impl, Feature.PLAIN_GET_STATUS)) {
            assertThat(head.status()).as("GET %s without Upgrade: %s", server.config().path(), head).isIn(400, 426);
        } else {
            assertThat(head.status()).as("GET %s without Upgrade is still refused: %s", server.config().path(), head)
                    .isBetween(400, 499);
        }
    }

    @ForEachImpl
    void handshakeWithoutKeyIsRejected4xx(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        HttpHead head = RawWebSocket.to(server).exchange(request(server, server.config().path(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
        ConformanceMatrix.saw(head.status());
        assertThat(head.status()).as("upgrade without Sec-WebSocket-Key: %s", head).isBetween(400, 499);
    }

    /** RFC 6455 §4.4: an unsupported version is refused (426 with Sec-WebSocket-Version: 13 is the textbook answer). */
    @ForEachImpl
    void handshakeWithVersion12IsRejected4xx(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        HttpHead head = RawWebSocket.to(server).exchange(request(server, server.config().path(),
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 12"));
        String advertised = head.header("Sec-WebSocket-Version");
        ConformanceMatrix.saw(head.status() + (advertised == null ? "" : ", Sec-WebSocket-Version: " + advertised));
        assertThat(head.status()).as("upgrade with Sec-WebSocket-Version 12: %s", head).isBetween(400, 499);
    }

    /** A TLS ClientHello on the plain port (a common misconfiguration): an error answer or a closed connection. */
    @ForEachImpl
    void garbageInsteadOfHandshakeIsRefusedAndTheServerCarriesOn(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, (byte) 0xAB, 0x00,
            '\r', '\n', '\r', '\n'};
        HttpHead head;
        try (RawWebSocket ws = RawWebSocket.to(server).connect()) {
            ws.sendRaw(hello);
            head = ws.readHead(RawWebSocket.deadline(ScaledConfig.EVENTUALLY));
        }
        ConformanceMatrix.saw(head.status() == -1 ? "closed without a response" : head.status());
        assertThat(head.status()).as("answer to a TLS ClientHello: %s", head)
                .satisfiesAnyOf(s -> assertThat(s).isEqualTo(-1), s -> assertThat(s).isBetween(400, 499));
        try (JdkClient client = JdkClient.connect(server)) {
            client.sendText("after garbage");
            assertThat(client.nextText()).isEqualTo("after garbage");
        }
    }

    private static String request(ServerUnderTest server, String target, String... headers) {
        StringBuilder r = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        return r.append("\r\n").toString();
    }
}
