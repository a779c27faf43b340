package io.wsbench.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a server is told, the same for every impl (SPEC §3). Read from env vars and CLI flags by
 * {@link ServerOptions}; tests build one with {@link #defaults()} and the {@code with…} methods.
 *
 * <p>A port of 0 means "any free port"; the bound port is then read from the running server.
 */
public record ServerConfig(
        String impl,
        String host,
        int port,
        String path,
        int adminPort,
        Duration pingPeriod,
        Duration pongWait,
        Duration writeWait,
        int readLimit,
        long maxQueuedBytes,
        boolean compression,
        int compressionLevel,
        Path tlsCert,
        Path tlsKey,
        BrokerSettings broker) {

    /**
     * The listen backlog every adapter asks for, so a burst of connects meets the same queue on every stack
     * instead of each library's default (the JDK's 50 where a library passes none: Jetty's ServerConnector
     * and Java-WebSocket; Netty's is net.core.somaxconn, Undertow's its own). The kernel caps it at
     * net.core.somaxconn. Not a setting: nothing in SPEC §3 asks for one, and it is the same for all.
     */
    public static final int ACCEPT_BACKLOG = 4096;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("WS_PATH must start with '/': " + path);
        }
        checkPort("WS_PORT", port);
        checkPort("ADMIN_PORT", adminPort);
        if (pingPeriod == null || pingPeriod.isNegative()) {
            throw new IllegalArgumentException("PING_PERIOD must be >= 0 (0 turns pings off): " + pingPeriod);
        }
        checkPositive("PONG_WAIT", pongWait);
        checkPositive("WRITE_WAIT", writeWait);
        if (readLimit <= 0) {
            throw new IllegalArgumentException("READ_LIMIT must be > 0 bytes: " + readLimit);
        }
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("MAX_QUEUED_BYTES must be > 0 bytes: " + maxQueuedBytes);
        }
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("COMPRESSION_LEVEL must be 1..9: " + compressionLevel);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS_CERT and TLS_KEY must be given together");
        }
        Objects.requireNonNull(broker, "broker (BrokerSettings.none() for no broker)");
    }

    /** The SPEC §3 defaults. */
    public static ServerConfig defaults() {
        return new ServerConfig(null, "127.0.0.1", 8000, "/ws-notifications", 8001,
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(15),
                65536, 1024 * 1024, false, 6, null, null, BrokerSettings.none());
    }

    /** {@code PING_PERIOD=0} turns server pings off (used to show Nginx cutting an unpinged idle connection). */
    public boolean pingsEnabled() {
        return !pingPeriod.isZero();
    }

    public boolean tls() {
        return tlsCert != null;
    }

    public ServerConfig withImpl(String v) {
        return new ServerConfig(v, host, port, path, adminPort, pingPeriod, pongWait, writeWait, readLimit,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withPorts(int wsPort, int admin) {
        return new ServerConfig(impl, host, wsPort, path, admin, pingPeriod, pongWait, writeWait, readLimit,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withHeartbeat(Duration ping, Duration pong) {
        return new ServerConfig(impl, host, port, path, adminPort, ping, pong, writeWait, readLimit,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withWriteWait(Duration v) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, v, readLimit,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withReadLimit(int v) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, writeWait, v,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withMaxQueuedBytes(long v) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, writeWait, readLimit,
                v, compression, compressionLevel, tlsCert, tlsKey, broker);
    }

    public ServerConfig withCompression(boolean on, int level) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, writeWait, readLimit,
                maxQueuedBytes, on, level, tlsCert, tlsKey, broker);
    }

    public ServerConfig withTls(Path cert, Path key) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, writeWait, readLimit,
                maxQueuedBytes, compression, compressionLevel, cert, key, broker);
    }

    public ServerConfig withBroker(BrokerSettings v) {
        return new ServerConfig(impl, host, port, path, adminPort, pingPeriod, pongWait, writeWait, readLimit,
                maxQueuedBytes, compression, compressionLevel, tlsCert, tlsKey, v);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0..65535: " + port);
        }
    }

    private static void checkPositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }
}
