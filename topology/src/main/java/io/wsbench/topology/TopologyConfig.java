package io.wsbench.topology;

import io.wsbench.core.ServerConfig;
import java.util.Objects;

/**
 * What to start: {@code replicas} server JVMs, all with {@code server}'s settings (its ports are ignored: each
 * replica gets free loopback ports), behind one nginx with {@code nginx}'s settings.
 *
 * @param keepFiles keep the run directory (logs, rendered nginx.conf, certificate) after close, for post-mortems
 * @param broker    start a nats-server too and give every replica its URL as BROKER_URL, so broadcasts reach the
 *                  clients of every replica
 * @param serverTls every replica terminates TLS itself (TLS_CERT/TLS_KEY, the certificate nginx serves too): its
 *                  direct URI is {@code wss://}, and nginx re-encrypts towards it ({@code proxy_pass https://})
 */
public record TopologyConfig(ServerConfig server, int replicas, NginxConfig nginx, ServerJvm jvm, boolean keepFiles,
                             boolean broker, boolean serverTls) {

    public TopologyConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(server.impl(), "server.impl (SERVER_IMPL)");
        Objects.requireNonNull(nginx, "nginx");
        Objects.requireNonNull(jvm, "jvm");
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1: " + replicas);
        }
    }

    /** One replica of {@code impl} with the SPEC defaults, nginx defaults, this JVM's classpath. */
    public static TopologyConfig of(String impl) {
        return new TopologyConfig(ServerConfig.defaults().withImpl(impl), 1, NginxConfig.defaults(),
                ServerJvm.current(), false, false, false);
    }

    public TopologyConfig withServer(ServerConfig v) {
        return new TopologyConfig(v, replicas, nginx, jvm, keepFiles, broker, serverTls);
    }

    public TopologyConfig withReplicas(int v) {
        return new TopologyConfig(server, v, nginx, jvm, keepFiles, broker, serverTls);
    }

    public TopologyConfig withNginx(NginxConfig v) {
        return new TopologyConfig(server, replicas, v, jvm, keepFiles, broker, serverTls);
    }

    public TopologyConfig withJvm(ServerJvm v) {
        return new TopologyConfig(server, replicas, nginx, v, keepFiles, broker, serverTls);
    }

    public TopologyConfig withKeepFiles(boolean v) {
        return new TopologyConfig(server, replicas, nginx, jvm, v, broker, serverTls);
    }

    public TopologyConfig withBroker(boolean v) {
        return new TopologyConfig(server, replicas, nginx, jvm, keepFiles, v, serverTls);
    }

    public TopologyConfig withServerTls(boolean v) {
        return new TopologyConfig(server, replicas, nginx, jvm, keepFiles, broker, v);
    }
}
