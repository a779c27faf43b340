package io.wsbench.client.javawebsocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientFeature;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import io.wsbench.impl.javawebsocket.JavaWebSocketTransportProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java-WebSocket load client against a real server (the Java-WebSocket server adapter, in this JVM, over
 * loopback sockets): echoes, close codes both ways, permessage-deflate, source-address binding, and that
 * closing the client leaves none of its per-connection threads behind.
 */
class JavaWebSocketClientTest {
    private static final long WAIT_S = 30;

    @Test
    void echoesTextAndBinary() throws Exception {
        try (NotificationServer server = server(false);
             WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            Events events = new Events();
            ClientConnection c = connect(client, uri(server), events);
            assertThat(c.compressed()).isFalse();

            c.sendText("hello");
            assertThat(events.texts.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo("hello");

            byte[] bytes = {1, 2, 3, (byte) 0xff};
            ByteBuffer data = ByteBuffer.wrap(bytes);
            c.sendBinary(data);
            assertThat(events.binaries.poll(WAIT_S, TimeUnit.SECONDS)).containsExactly(bytes);
            assertThat(data.remaining()).as("the caller's buffer is left as it was").isEqualTo(4);
        }
    }

    @Test
    void manyEchoesOnManyConnectionsAllComeBack() throws Exception {
        try (NotificationServer server = server(false);
             WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            Events events = new Events();
            ClientConnection[] connections = new ClientConnection[8];
            for (int i = 0; i < connections.length; i++) {
                connections[i] = connect(client, uri(server), events);
            }
            for (int round = 0; round < 50; round++) {
                for (ClientConnection c : connections) {
                    c.sendText("m" + round);
                }
            }
            for (int i = 0; i < 50 * connections.length; i++) {
                assertThat(events.texts.poll(WAIT_S, TimeUnit.SECONDS)).as("echo %d", i).startsWith("m");
            }
        }
    }

    @Test
    void aCloseThisSideStartsIsReportedWith1000() throws Exception {
        try (NotificationServer server = server(false);
             WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            Events events = new Events();
            ClientConnection c = connect(client, uri(server), events);
            c.close(CloseCodes.NORMAL, "bye");
            assertThat(events.closes.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(CloseCodes.NORMAL);
        }
    }

    @Test
    void serverShutdownIsReportedWith1001() throws Exception {
        try (WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            Events events = new Events();
            NotificationServer server = server(false);
            try {
                connect(client, uri(server), events);
            } finally {
                server.close();
            }
            assertThat(events.closes.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(CloseCodes.GOING_AWAY);
        }
    }

    @Test
    void offersPermessageDeflateWhenAskedAndEchoesCompressedMessages() throws Exception {
        try (NotificationServer server = server(true);
             WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults().withCompression(true))) {
            Events events = new Events();
            ClientConnection c = connect(client, uri(server), events);
            assertThat(c.compressed()).isTrue();
            // Above the extension's 1024-byte threshold, so these are compressed; more than one, because a
            // broken context-takeover negotiation (Java-WebSocket #1496) shows up on the second message.
            String big = "abcdefghij".repeat(400);
            for (int i = 0; i < 3; i++) {
                c.sendText(big + i);
                assertThat(events.texts.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(big + i);
            }
        }
    }

    @Test
    void bindsTheSourceAddressItIsGiven() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            InetAddress source = InetAddress.getByName("127.0.0.2");
            CompletableFuture<ClientConnection> opening = client.connect(
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/ws"), source, new Events());
            try (Socket accepted = listener.accept()) {
                assertThat(((InetSocketAddress) accepted.getRemoteSocketAddress()).getAddress()).isEqualTo(source);
            }
            // The listener closed the socket without answering the upgrade: the connect fails, it does not hang.
            assertThatThrownBy(() -> opening.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aConnectToAClosedPortFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults())) {
            CompletableFuture<ClientConnection> opening =
                    client.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), null, new Events());
            assertThatThrownBy(() -> opening.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void closingTheClientEndsEveryConnectionAndItsThreads() throws Exception {
        try (NotificationServer server = server(false)) {
            Events events = new Events();
            WsClient client = new JavaWebSocketClientProvider().create(ClientOptions.defaults());
            for (int i = 0; i < 4; i++) {
                connect(client, uri(server), events);
            }
            assertThat(libraryThreads()).as("a read and a write thread per connection").isGreaterThanOrEqualTo(8);
            client.close();
            for (int i = 0; i < 4; i++) {
                assertThat(events.closes.poll(WAIT_S, TimeUnit.SECONDS)).isEqualTo(CloseCodes.NORMAL);
            }
            assertThat(libraryThreads()).isZero();
        }
    }

    @Test
    void saysItCannotHoldThousandsOfConnections() {
        assertThat(new JavaWebSocketClientProvider().unsupported()).containsKey(ClientFeature.MANY_CONNECTIONS);
    }

    private static long libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getThreadGroup() != null && "java-websocket-client".equals(t.getThreadGroup().getName()))
                .count();
    }

    private static NotificationServer server(boolean compression) throws Exception {
        ServerConfig config = ServerConfig.defaults().withPorts(0, 0).withCompression(compression, 6);
        return NotificationServer.start(new JavaWebSocketTransportProvider(), config);
    }

    private static URI uri(NotificationServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }

    private static ClientConnection connect(WsClient client, URI uri, Events events) throws Exception {
        return client.connect(uri, null, events).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** What the client reported, in order. */
    private static final class Events implements ClientListener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

        @Override
        public void onText(ClientConnection connection, String text) {
            texts.add(text);
        }

        @Override
        public void onBinary(ClientConnection connection, ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            binaries.add(copy);
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            closes.add(code);
        }
    }
}
