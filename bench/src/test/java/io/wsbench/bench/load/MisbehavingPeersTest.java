package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.bench.load.MisbehavingPeers.Behaviour;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.topology.MetricsSnapshot;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The timeouts scenario's misbehaving peers against a real server (Netty, in this JVM, on scaled timeouts): each
 * behaviour provokes the server limit it is meant to provoke. No assertion on how fast: only what happened.
 */
class MisbehavingPeersTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration CONNECT = Duration.ofSeconds(30);

    @Test
    void peersThatSwallowPingsAreClosedAsDeadAfterBeingPinged() throws Exception {
        ServerConfig config = server().withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(400));
        try (NotificationServer server = NotificationServer.start(config);
             MisbehavingPeers peers = MisbehavingPeers.open(uri(server), 3, Behaviour.SWALLOWS_PINGS, CONNECT)) {
            assertThat(peers.awaitAllEnded(PATIENCE)).isTrue();
            for (MisbehavingPeer p : peers.peers()) {
                assertThat(p.pingsReceived()).as("pings before the close").isPositive();
                assertThat(p.lifetimeNanos()).isPositive();
            }
        }
    }

    @Test
    void peersThatAnswerPingsOutliveThePongWait() throws Exception {
        ServerConfig config = server().withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(400));
        try (NotificationServer server = NotificationServer.start(config);
             MisbehavingPeers peers = MisbehavingPeers.open(uri(server), 3, Behaviour.ANSWERS_PINGS, CONNECT)) {
            // several pong waits' worth of pings, each answered: the server never gives up on them
            await().atMost(PATIENCE).until(() -> peers.peers().stream().allMatch(p -> p.pingsReceived() >= 8));
            assertThat(peers.stillOpen()).isEqualTo(3);
            assertThat(server.hub().connectionCount()).isEqualTo(3);
        }
    }

    @Test
    void peersThatStopReadingAreClosedAsSlowConsumersWhileTheSenderStays() throws Exception {
        ServerConfig config = server().withHeartbeat(Duration.ZERO, Duration.ofSeconds(60))
                .withWriteWait(Duration.ofMillis(300)).withMaxQueuedBytes(256 * 1024);
        try (NotificationServer server = NotificationServer.start(config);
             MisbehavingPeers slow = MisbehavingPeers.open(uri(server), 2, Behaviour.STOPS_READING, CONNECT);
             MisbehavingPeers sender = MisbehavingPeers.open(uri(server), 1, Behaviour.ANSWERS_PINGS, CONNECT);
             BroadcastPush push = BroadcastPush.start(sender.peers().get(0), 8 * 1024, Duration.ofMillis(5))) {
            await().atMost(PATIENCE).until(() -> slowConsumerCloses(server) == 2);
            assertThat(server.hub().connectionCount()).as("only the sender is left").isEqualTo(1);
            assertThat(sender.stillOpen()).isEqualTo(1);
            assertThat(push.sent()).isPositive();
        }
    }

    private static ServerConfig server() {
        return ServerConfig.defaults().withImpl("netty").withPorts(0, 0);
    }

    private static URI uri(NotificationServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
    }

    private static double slowConsumerCloses(NotificationServer server) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        server.hub().metrics().writeText(text);
        return MetricsSnapshot.parse(text.toString()).get(ServerMetricsTrail.SLOW_CONSUMER_CLOSES);
    }
}
