package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerOptionsTest {

    @Test
    void defaultsAreTheSpecDefaults() {
        ServerConfig c = ServerOptions.parse(new String[0], Map.of());
        assertThat(c).isEqualTo(ServerConfig.defaults());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.path()).isEqualTo("/ws-notifications");
        assertThat(c.adminPort()).isEqualTo(8001);
        assertThat(c.pingPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pongWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.writeWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.readLimit()).isEqualTo(65536);
        assertThat(c.maxQueuedBytes()).isEqualTo(1024 * 1024);
        assertThat(c.compression()).isFalse();
        assertThat(c.tls()).isFalse();
    }

    @Test
    void envVarsSetEverySetting() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("SERVER_IMPL", "jetty"), Map.entry("WS_HOST", "0.0.0.0"), Map.entry("WS_PORT", "9000"),
                Map.entry("WS_PATH", "/ws"), Map.entry("ADMIN_PORT", "9001"), Map.entry("PING_PERIOD", "200ms"),
                Map.entry("PONG_WAIT", "1m"), Map.entry("WRITE_WAIT", "2"), Map.entry("READ_LIMIT", "10MiB"),
                Map.entry("MAX_QUEUED_BYTES", "64k"), Map.entry("COMPRESSION", "on"),
                Map.entry("COMPRESSION_LEVEL", "9"), Map.entry("TLS_CERT", "/c.pem"), Map.entry("TLS_KEY", "/k.pem"));
        ServerConfig c = ServerOptions.parse(new String[0], env);
        assertThat(c.impl()).isEqualTo("jetty");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.path()).isEqualTo("/ws");
        assertThat(c.adminPort()).isEqualTo(9001);
        assertThat(c.pingPeriod()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.pongWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.writeWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.readLimit()).isEqualTo(10 * 1024 * 1024);
        assertThat(c.maxQueuedBytes()).isEqualTo(64 * 1024);
        assertThat(c.compression()).isTrue();
        assertThat(c.compressionLevel()).isEqualTo(9);
        assertThat(c.tls()).isTrue();
    }

    @Test
    void flagsWinOverEnvVars() {
        ServerConfig c = ServerOptions.parse(new String[] {"--impl", "netty", "--ws-port", "7000"},
                Map.of("SERVER_IMPL", "jetty", "WS_PORT", "9000"));
        assertThat(c.impl()).isEqualTo("netty");
        assertThat(c.port()).isEqualTo(7000);
    }

    @Test
    void pingPeriodZeroTurnsPingsOff() {
        assertThat(ServerOptions.parse(new String[0], Map.of("PING_PERIOD", "0")).pingsEnabled()).isFalse();
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("PONG_WAIT", "soon")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("COMPRESSION_LEVEL", "12")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("COMPRESSION_LEVEL");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("COMPRESSION", "maybe")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("off or on");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("TLS_CERT", "/c.pem")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("together");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("WS_PATH", "ws")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("WS_PATH");
    }

    @Test
    void brokerIsOffUnlessBrokerUrlIsSet() {
        assertThat(ServerOptions.parse(new String[0], Map.of()).broker())
                .isEqualTo(new BrokerSettings(null, "wsbench.notifications"));
        ServerConfig c = ServerOptions.parse(new String[] {"--broker-subject", "alerts.all"},
                Map.of("BROKER_URL", "nats://10.0.0.5:4222", "BROKER_SUBJECT", "ignored"));
        assertThat(c.broker()).isEqualTo(new BrokerSettings("nats://10.0.0.5:4222", "alerts.all"));
        assertThat(c.broker().enabled()).isTrue();
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("BROKER_URL", "http://x:4222")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("nats://");
        assertThatThrownBy(() -> ServerOptions.parse(new String[0], Map.of("BROKER_SUBJECT", "alerts.>")))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("wildcards");
    }

    @Test
    void unknownImplNamesTheKnownOnes() {
        assertThatThrownBy(() -> Transports.find("tomcat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown impl 'tomcat'");
    }
}
