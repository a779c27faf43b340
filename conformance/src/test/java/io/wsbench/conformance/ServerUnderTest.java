package io.wsbench.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsbench.core.ServerConfig;
import java.net.http.HttpResponse;

/**
 * One running server, in this JVM or in a process of its own: its ports and config, and what its admin port says.
 * Nothing here reaches into the server: a count a case waits for is the one {@code GET /health} reports, which
 * every impl and reference server answers alike. {@link #close()} is the server's own shutdown (1001 to every
 * client).
 */
final class ServerUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final int port;
    private final int adminPort;
    private final AutoCloseable server;

    ServerUnderTest(ServerConfig config, int port, int adminPort, AutoCloseable server) {
        this.config = config;
        this.port = port;
        this.adminPort = adminPort;
        this.server = server;
    }

    ServerConfig config() {
        return config;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** The open WebSocket connections, {@code "connections"} of {@code GET /health}. */
    int connectionCount() throws Exception {
        HttpResponse<String> health = AdminClient.get(this, "/health");
        if (health.statusCode() != 200) {
            throw new AssertionError("GET /health answered " + health.statusCode() + " " + health.body());
        }
        JsonNode connections = JSON.readTree(health.body()).get("connections");
        if (connections == null || !connections.isInt()) {
            throw new AssertionError("GET /health has no \"connections\" count: " + health.body());
        }
        return connections.asInt();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
