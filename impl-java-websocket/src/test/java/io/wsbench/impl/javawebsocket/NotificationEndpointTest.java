package io.wsbench.impl.javawebsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.ServerMetrics;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.handshake.HandshakeImpl1Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection count against Java-WebSocket 1.6.0's own calls, in the order its threads can make them: the
 * selector thread's eot() (the peer hung up) and the worker thread's open() at the end of decodeHandshake().
 * The race itself needs a worker preempted inside decodeHandshake at the moment the peer's FIN is read (seen
 * once in a CI run: a connection nginx gave up on stayed counted); here the two calls run one after the other
 * on this thread, so the order that loses the close is certain.
 */
class NotificationEndpointTest {
    private final ServerConfig config = ServerConfig.defaults().withPorts(0, 0);
    private final Hub hub = new Hub(new ServerMetrics("java-websocket", "Java-WebSocket"));
    private final Heartbeat heartbeat = Heartbeat.of(config);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final NotificationEndpoint endpoint = new NotificationEndpoint(config, hub,
            List.of(new ServerDraft(List.of(), config.readLimit())), heartbeat, timer);

    /** Started, so the library's close path runs whole (it wakes the selector first). */
    @BeforeEach
    void start() throws Exception {
        endpoint.start();
        endpoint.started().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.stop(1000);
        heartbeat.close();
        timer.shutdownNow();
    }

    @Test
    void aPeerThatHungUpBeforeOpenIsNotCounted() throws Exception {
        WebSocketImpl conn = connection();
        conn.getChannel().close();
        conn.eot(); // the selector thread: NOT_YET_CONNECTED, so the library reports a close nobody hears
        endpoint.onWebsocketOpen(conn, new HandshakeImpl1Client()); // the worker thread, still in decodeHandshake

        assertThat(hub.connectionCount()).isZero();
        assertThat(endpoint.getConnections()).isEmpty();
        assertThat(endpoint.openConnections()).isEmpty();
    }

    @Test
    void aPeerThatHangsUpAfterOpenIsCountedOnceThenNot() throws Exception {
        WebSocketImpl conn = connection();
        endpoint.onWebsocketOpen(conn, new HandshakeImpl1Client());
        assertThat(hub.connectionCount()).isEqualTo(1);

        conn.eot();
        assertThat(hub.connectionCount()).isZero();
        assertThat(endpoint.getConnections()).isEmpty();
    }

    private WebSocketImpl connection() throws Exception {
        WebSocketImpl conn = new WebSocketImpl(endpoint, new ServerDraft(List.of(), config.readLimit()));
        conn.setChannel(SocketChannel.open());
        return conn;
    }
}
