package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.BrokerSettings;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replica is configured only through env vars; what it parses must be exactly what we meant. */
class ServerReplicaEnvironmentTest {

    @Test
    void everySettingRoundTripsThroughTheServersOwnParser() {
        ServerConfig config = ServerConfig.defaults().withImpl("netty").withPorts(41001, 41002)
                .withHeartbeat(Duration.ofMillis(1500), Duration.ofSeconds(2))
                .withWriteWait(Duration.ofMillis(250))
                .withReadLimit(100 * 1024)
                .withMaxQueuedBytes(8L * 1024 * 1024)
                .withCompression(true, 9)
                .withTls(Path.of("/tmp/cert.pem"), Path.of("/tmp/key.pem"))
                .withBroker(new BrokerSettings("nats://127.0.0.1:4222", "alerts.all"));

        assertThat(ServerOptions.parse(new String[0], ServerReplica.environment(config))).isEqualTo(config);
    }

    @Test
    void pingPeriodZeroStillMeansPingsOff() {
        ServerConfig config = ServerConfig.defaults().withImpl("jetty").withHeartbeat(Duration.ZERO,
                Duration.ofSeconds(120));

        ServerConfig parsed = ServerOptions.parse(new String[0], ServerReplica.environment(config));

        assertThat(parsed.pingsEnabled()).isFalse();
        assertThat(parsed).isEqualTo(config);
    }

    @Test
    void everyVariableTheServerReadsIsSetOrCleared() {
        ServerConfig withTls = ServerConfig.defaults().withImpl("netty")
                .withTls(Path.of("/c.pem"), Path.of("/k.pem")).withBroker(BrokerSettings.nats("nats://127.0.0.1:4222"));
        assertThat(ServerReplica.environment(withTls).keySet())
                .containsExactlyInAnyOrderElementsOf(ServerReplica.SERVER_ENV);
    }

    @Test
    void javaImplsStartServerMainAndReferenceServersTheirOwnExecutable() {
        ServerJvm jvm = new ServerJvm(Path.of("/jdk/bin/java"), "a.jar:b.jar", List.of("-Xmx1g"));
        assertThat(ServerReplica.command("netty", jvm, Map.of()))
                .containsExactly("/jdk/bin/java", "-Xmx1g", "-cp", "a.jar:b.jar", "io.wsbench.core.ServerMain");

        // built by `mvn test` before these tests run (topology depends on the reference modules)
        assertThat(ReferenceServer.all()).isNotEmpty();
        for (ReferenceServer reference : ReferenceServer.all()) {
            List<String> command = ServerReplica.command(reference.impl(), jvm, System.getenv());
            assertThat(Path.of(command.get(0)).getFileName()).hasToString(reference.processName());
            assertThat(command).last().asString().contains("/" + reference.impl() + "/target/");
            assertThat(command).noneMatch(a -> a.contains("ServerMain") || a.equals("-Xmx1g"));
        }
    }
}
