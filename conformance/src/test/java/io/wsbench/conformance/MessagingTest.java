package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.2: what happens to a message is the Hub's business, but getting it there whole (reassembled, UTF-8
 * intact, pings answered in between) and back to the right client is the impl's. One server per impl serves
 * every case here: none of them leaves state behind.
 */
@DisplayName("§3.2 Messages")
@ExtendWith(ConformanceMatrix.class)
class MessagingTest {
    private static final int MANY_CLIENTS = 500;

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    private static ServerUnderTest server(ServerImpl impl) throws Exception {
        return SERVERS.of(impl, ScaledConfig.standard());
    }

    @ForEachImpl
    void plainTextIsEchoedUnchanged(ServerImpl impl) throws Exception {
        try (JdkClient client = JdkClient.connect(server(impl))) {
            client.sendText("hello");
            assertThat(client.nextText()).isEqualTo("hello");
        }
    }

    @ForEachImpl
    void echoCommandComesBackVerbatim(ServerImpl impl) throws Exception {
        String command = "{\"type\":\"echo\",\"payload\":{\"id\":7,\"text\":\"h\u00e9llo \u2713 \ud83d\ude80\"}}";
        try (JdkClient client = JdkClient.connect(server(impl))) {
            client.sendText(command);
            assertThat(client.nextText()).isEqualTo(command);
        }
    }

    @ForEachImpl
    void broadcastReachesEveryClientAndTheSenderGetsItsResult(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        String payload = "{\"n\":1,\"msg\":\"hi all\"}";
        try (JdkClient sender = registered(server);
             JdkClient second = registered(server);
             JdkClient third = registered(server)) {
            sender.sendText("{\"type\":\"broadcast\",\"payload\":" + payload + "}");
            String broadcast = "{\"type\":\"broadcast\",\"payload\":" + payload + "}";
            assertThat(second.nextText()).isEqualTo(broadcast);
            assertThat(third.nextText()).isEqualTo(broadcast);
            assertThat(List.of(sender.nextText(), sender.nextText())).containsExactlyInAnyOrder(
                    broadcast, "{\"type\":\"broadcastResult\",\"payload\":" + payload + "}");
        }
    }

    /**
     * A client the hub already counts. An impl may hand a connection to the hub only once its 101 is written
     * (Netty does, in the handshake's write listener), so a client can be connected a moment before a broadcast
     * would reach it: CI once saw Netty's third client miss one. An answered message of its own proves the hub
     * has it, since every impl opens a connection before it reads from it.
     */
    private static JdkClient registered(ServerUnderTest server) throws Exception {
        JdkClient client = JdkClient.connect(server);
        try {
            client.sendText("registered?");
            assertThat(client.nextText()).isEqualTo("registered?");
            return client;
        } catch (Throwable e) {
            client.close();
            throw e;
        }
    }

    @ForEachImpl
    void binaryIsEchoedAsBinary(ServerImpl impl) throws Exception {
        byte[] data = new byte[4096];
        new Random(42).nextBytes(data);
        try (JdkClient client = JdkClient.connect(server(impl))) {
            client.sendBinary(data);
            assertThat(client.nextBinary()).isEqualTo(data);
        }
    }

    @ForEachImpl
    void fragmentedTextIsReassembled(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ws.send(Frame.of(false, Frame.TEXT, utf8("Hel")));
            ws.send(Frame.of(false, Frame.CONTINUATION, utf8("lo, ")));
            ws.send(Frame.of(true, Frame.CONTINUATION, utf8("world")));
            assertThat(ws.nextText()).isEqualTo("Hello, world");
        }
    }

    /** Autobahn 6.2/6.4: a valid code point split across frames is not an error; only the whole message is judged. */
    @ForEachImpl
    void codePointsSplitAcrossFragmentsAreAccepted(ServerImpl impl) throws Exception {
        String text = "\u03ba\u1f79\u03c3\u03bc\u03b5 \ud83d\ude80";
        byte[] bytes = utf8(text);
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            for (int i = 0; i < bytes.length; i++) {
                ws.send(Frame.of(i == bytes.length - 1, i == 0 ? Frame.TEXT : Frame.CONTINUATION,
                        new byte[] {bytes[i]}));
            }
            assertThat(ws.nextText()).isEqualTo(text);
        }
    }

    /** Autobahn 1.1.1/1.2.1: empty messages are messages too. */
    @ForEachImpl
    void emptyMessagesAreEchoed(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ws.send(Frame.of(true, Frame.TEXT, new byte[0]));
            RawWebSocket.Message text = ws.nextMessage();
            assertThat(text.opcode()).as("opcode of the empty text's echo").isEqualTo(Frame.TEXT);
            assertThat(text.data()).isEmpty();
            ws.send(Frame.of(true, Frame.BINARY, new byte[0]));
            RawWebSocket.Message binary = ws.nextMessage();
            assertThat(binary.opcode()).as("opcode of the empty binary's echo").isEqualTo(Frame.BINARY);
            assertThat(binary.data()).isEmpty();
        }
    }

    /** Autobahn 2.4: 125 bytes is the largest ping payload and must come back whole. */
    @ForEachImpl
    void pingIsAnsweredWithPongCarryingItsPayload(ServerImpl impl) throws Exception {
        byte[] payload = new byte[125];
        new Random(125).nextBytes(payload);
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ws.send(Frame.of(true, Frame.PING, payload));
            assertThat(ws.nextFrame(Frame.PONG).payload()).isEqualTo(payload);
        }
    }

    /** Autobahn 5.6: control frames may be injected between the fragments of a message. */
    @ForEachImpl
    void pingBetweenFragmentsIsAnsweredAndTheMessageCompletes(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ws.send(Frame.of(false, Frame.TEXT, utf8("Hel")));
            ws.send(Frame.of(true, Frame.PING, utf8("in between")));
            ws.send(Frame.of(true, Frame.CONTINUATION, utf8("lo")));
            String pong = null;
            String text = null;
            long deadline = RawWebSocket.deadline(ScaledConfig.EVENTUALLY);
            while (pong == null || text == null) {
                Frame f = ws.readFrame(deadline);
                if (f.opcode() == Frame.PONG) {
                    pong = new String(f.payload(), StandardCharsets.UTF_8);
                } else if (f.opcode() == Frame.TEXT && f.fin()) {
                    text = new String(f.payload(), StandardCharsets.UTF_8);
                } else if (f.opcode() == Frame.CLOSE) {
                    throw new AssertionError("server closed: " + Close.fromFrame(f.payload()));
                }
            }
            assertThat(pong).isEqualTo("in between");
            assertThat(text).isEqualTo("Hello");
        }
    }

    @ForEachImpl
    void fiveHundredConcurrentClientsEachGetTheirOwnEcho(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        List<CompletableFuture<JdkClient>> connecting = new ArrayList<>();
        List<JdkClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MANY_CLIENTS; i++) {
                connecting.add(JdkClient.connectAsync(JdkClient.HTTP, JdkClient.uri(server)));
            }
            for (CompletableFuture<JdkClient> f : connecting) {
                clients.add(f.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendText("client " + i);
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).nextText()).as("client %d's echo", i).isEqualTo("client " + i);
            }
            ConformanceMatrix.saw(MANY_CLIENTS + " clients");
        } finally {
            connecting.forEach(f -> f.thenAccept(JdkClient::close));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
