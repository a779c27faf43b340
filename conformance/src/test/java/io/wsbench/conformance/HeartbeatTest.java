package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.4 at PING_PERIOD 200 ms / PONG_WAIT 600 ms. No upper timing bound is asserted (the machine is shared):
 * a dead peer must be closed eventually, and not before PONG_WAIT counted from before its handshake was even
 * sent, which no correct server can undercut however slow the machine is.
 */
@DisplayName("§3.4 Heartbeat")
@ExtendWith(ConformanceMatrix.class)
class HeartbeatTest {
    /** How long live clients must survive: several pong waits. */
    private static final Duration OBSERVED = ScaledConfig.PONG_WAIT.multipliedBy(5);

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    private static ServerUnderTest server(ServerImpl impl) throws Exception {
        return SERVERS.of(impl, ScaledConfig.heartbeat());
    }

    @ForEachImpl
    void deadPeerIsClosedAfterPongWait(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        long before = System.nanoTime();
        try (RawWebSocket ws = RawWebSocket.to(server).ignoringPings().open()) {
            Close close = ws.awaitClose();
            Duration lived = Duration.ofNanos(System.nanoTime() - before);
            ConformanceMatrix.saw(close);
            ConformanceMatrix.saw(ws.pingsSeen() + " pings");
            assertThat(close.ended())
                    .withFailMessage("a peer that never answers pings is %s (PONG_WAIT %d ms)", close,
                            ScaledConfig.PONG_WAIT.toMillis())
                    .isTrue();
            assertThat(lived)
                    .withFailMessage("closed %d ms after the handshake was sent, before PONG_WAIT (%d ms) passed",
                            lived.toMillis(), ScaledConfig.PONG_WAIT.toMillis())
                    .isGreaterThanOrEqualTo(ScaledConfig.PONG_WAIT);
            assertThat(ws.pingsSeen()).as("pings the server sent before giving up").isPositive();
        }
    }

    @ForEachImpl
    void liveSilentPeerIsKept(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        try (RawWebSocket raw = RawWebSocket.to(server).open();
             JdkClient jdk = JdkClient.connect(server)) {
            Close close = raw.awaitClose(OBSERVED);
            ConformanceMatrix.saw(raw.pingsSeen() + " pings answered");
            assertThat(close.ended())
                    .withFailMessage("a client answering every ping was closed (%s) within %d ms", close,
                            OBSERVED.toMillis())
                    .isFalse();
            assertThat(raw.pingsSeen()).as("pings in %d ms at PING_PERIOD %d ms", OBSERVED.toMillis(),
                    ScaledConfig.PING_PERIOD.toMillis()).isPositive();
            assertThat(jdk.closed().isDone())
                    .withFailMessage("the JDK client (which answers pings) was closed: %s", jdk.closed().getNow(null))
                    .isFalse();
            try {
                raw.sendText("still here");
                assertThat(raw.nextText()).isEqualTo("still here");
            } catch (java.io.IOException e) {
                throw new AssertionError("after " + OBSERVED.toMillis() + " ms of answering every ping, the raw"
                        + " client's echo failed: " + e.getMessage(), e);
            }
            jdk.sendText("me too");
            assertThat(jdk.nextText()).isEqualTo("me too");
        }
    }

    /** SPEC §3.4 counts any frame from the peer, not only pongs: data alone keeps a connection alive. */
    @ForEachImpl
    void peerSendingDataButNoPongsIsKept(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).ignoringPings().open()) {
            long end = System.nanoTime() + OBSERVED.toNanos();
            int sent = 0;
            while (System.nanoTime() < end) {
                String tick = "tick " + sent++;
                ws.sendText(tick);
                assertThat(ws.nextText()).isEqualTo(tick);
                Thread.sleep(ScaledConfig.PING_PERIOD.toMillis() / 2);
            }
            ConformanceMatrix.saw(sent + " echoes, " + ws.pingsSeen() + " pings unanswered");
        }
    }
}
