package io.wsbench.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.NotificationServer;
import io.wsbench.core.ReplicaId;
import io.wsbench.core.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ws-client's run against a real in-process server, no Docker: whoami, closed-loop echo, the summary. */
class EchoRunTest {

    @Test
    void everyConnectionLearnsItsReplicaAndEchoes() throws Exception {
        try (NotificationServer server = NotificationServer.start(ServerConfig.defaults().withImpl("netty").withPorts(0, 0))) {
            URI url = URI.create("ws://127.0.0.1:" + server.port() + "/ws-notifications");
            for (String client : new String[] {"netty", "jdk-httpclient"}) {
                Summary s = EchoRun.run(new EchoRun.Settings(url, 4, Duration.ofMillis(500), client, null, 64));
                assertThat(s.ok()).as(s.format()).isTrue();
                assertThat(s.perReplica()).isEqualTo(Map.of(ReplicaId.current(), 4L));
                assertThat(s.format()).contains("replicas=1 " + ReplicaId.current() + ":4", "result=OK");
            }
        }
    }

    @Test
    void aRefusedConnectionMakesTheRunFail() throws Exception {
        URI nowhere = URI.create("ws://127.0.0.1:1/ws-notifications");
        Summary s = EchoRun.run(new EchoRun.Settings(nowhere, 2, Duration.ofMillis(100), "netty", null, 64));
        assertThat(s.ok()).isFalse();
        assertThat(s.format()).contains("opened=0 failed=2", "result=FAILED");
    }

    @Test
    void durationsTakeTheServerSettingsUnits() {
        assertThat(LoadClientMain.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(LoadClientMain.duration("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(LoadClientMain.duration("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(LoadClientMain.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    }
}
