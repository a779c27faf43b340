package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.ServerConfig;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The design notes' timeout rule, "proxy_read_timeout > pongWait, pings keep it alive", on a scaled clock:
 * proxy_read_timeout 3 s instead of 90 s. nginx cuts a tunnel that has carried nothing for proxy_read_timeout,
 * so an idle client lives as long as something crosses more often than that: the server's pings (and the pongs
 * the JDK client sends back by itself), or the client's own heartbeats. What must beat proxy_read_timeout is
 * the ping period; the pong wait may even exceed it.
 *
 * <p>No test asserts an upper bound on time. "Stays connected" is checked over a fixed span (several times
 * proxy_read_timeout); "is cut" waits generously and then checks only that the cut came no earlier than nginx
 * may cut (a lower bound that load cannot break).
 */
@ExtendWith(TestTopologies.class)
class NginxTimeoutTest {
    private static final Duration PROXY_READ_TIMEOUT = Duration.ofSeconds(3);
    /** Several proxy_read_timeouts: a connection that survives this was kept alive, not lucky. */
    private static final Duration IDLE_SPAN = PROXY_READ_TIMEOUT.multipliedBy(3);
    /** nginx re-arms its timer lazily (up to 300 ms early); a little more slack than that. */
    private static final Duration EARLIEST_CUT = PROXY_READ_TIMEOUT.minusMillis(500);

    @ForEachImpl
    void idleClientStaysConnectedThroughNginxBecauseServerPingsResetProxyReadTimeout(String impl) throws Exception {
        // The notes' ordering: ping 1 s < pong wait 2 s < proxy_read_timeout 3 s.
        ServerConfig server = heartbeat(impl, Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (Topology topology = start(impl, server);
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            await().during(IDLE_SPAN).atMost(IDLE_SPAN.plusSeconds(30)).until(client::isOpen);
            assertThat(client.pingsReceived()).as("server pings relayed by nginx").isGreaterThanOrEqualTo(2);
            assertThat(client.echo("still here")).isEqualTo("still here");
        }
    }

    @ForEachImpl
    void idleClientIsCutByNginxWhenServerPingsAreOff(String impl) throws Exception {
        // PING_PERIOD=0: nothing flows while the client is idle; PONG_WAIT far away, so the server never acts.
        ServerConfig server = heartbeat(impl, Duration.ZERO, Duration.ofSeconds(120));
        try (Topology topology = start(impl, server);
             RecordingClient direct = RecordingClient.connect(topology.directWsUri(0));
             RecordingClient proxied = RecordingClient.connect(topology.nginxWsUri())) {
            long connected = System.nanoTime();

            await().atMost(PROXY_READ_TIMEOUT.plusSeconds(60)).until(proxied::hasEnded);

            assertThat(proxied.endedWithoutCloseFrame()).as(proxied.describe()).isTrue();
            assertThat(Duration.ofNanos(proxied.endedAtNanos() - connected)).isGreaterThanOrEqualTo(EARLIEST_CUT);
            // The same idle connection without nginx is still up: the proxy did this, not the server.
            assertThat(direct.isOpen()).as("direct client: " + direct.describe()).isTrue();
            assertThat(direct.echo("direct")).isEqualTo("direct");
            await().atMost(RecordingClient.PATIENCE).untilAsserted(() -> assertThat(
                    Files.readString(topology.nginx().errorLog())).contains("upstream timed out"));
            // The server saw the proxy's side of the tunnel vanish without a close frame.
            await().atMost(RecordingClient.PATIENCE).untilAsserted(() -> assertThat(
                    topology.replica(0).metrics().closedWithCode(1006)).isEqualTo(1.0));
        }
    }

    @ForEachImpl
    void pongWaitAboveProxyReadTimeoutIsHarmlessWhilePingsAreMoreFrequent(String impl) throws Exception {
        // Breaks the notes' rule (pong wait 10 s > proxy_read_timeout 3 s) but keeps ping 1 s < 3 s:
        // the variable nginx sees is the ping period, not the pong wait.
        ServerConfig server = heartbeat(impl, Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (Topology topology = start(impl, server);
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            await().during(IDLE_SPAN).atMost(IDLE_SPAN.plusSeconds(30)).until(client::isOpen);
            assertThat(client.echo("still here")).isEqualTo("still here");
        }
    }

    @ForEachImpl
    void pingsRarerThanProxyReadTimeoutDoNotSaveAnIdleClient(String impl) throws Exception {
        // Pings on, but every 8 s: nginx (3 s) cuts the tunnel before the first one.
        ServerConfig server = heartbeat(impl, Duration.ofSeconds(8), Duration.ofSeconds(20));
        try (Topology topology = start(impl, server);
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            long connected = System.nanoTime();
            await().atMost(PROXY_READ_TIMEOUT.plusSeconds(60)).until(client::hasEnded);
            assertThat(client.endedWithoutCloseFrame()).as(client.describe()).isTrue();
            assertThat(Duration.ofNanos(client.endedAtNanos() - connected)).isGreaterThanOrEqualTo(EARLIEST_CUT);
        }
    }

    /**
     * nginx's documentation describes proxy_read_timeout as the time the proxied server may stay silent; for an
     * upgraded connection nginx re-arms the timer on traffic in either direction. So a client-side heartbeat
     * (here one-way pongs, which the server never answers) keeps the tunnel open with server pings off too.
     */
    @ForEachImpl
    void clientHeartbeatsAloneAlsoKeepTheTunnelOpen(String impl) throws Exception {
        ServerConfig server = heartbeat(impl, Duration.ZERO, Duration.ofSeconds(120));
        try (Topology topology = start(impl, server);
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            long until = System.nanoTime() + IDLE_SPAN.toNanos();
            while (System.nanoTime() < until && client.isOpen()) {
                client.sendPong();
                Thread.sleep(500);
            }
            assertThat(client.isOpen()).as(client.describe()).isTrue();
            assertThat(client.echo("still here")).isEqualTo("still here");
        }
    }

    private static ServerConfig heartbeat(String impl, Duration ping, Duration pongWait) {
        return TestTopologies.of(impl).server().withHeartbeat(ping, pongWait);
    }

    private static Topology start(String impl, ServerConfig server) throws Exception {
        return TestTopologies.start(TestTopologies.of(impl).withServer(server)
                .withNginx(NginxConfig.defaults().withProxyTimeouts(PROXY_READ_TIMEOUT).withErrorLogLevel("info")));
    }
}
