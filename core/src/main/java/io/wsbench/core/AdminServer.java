package io.wsbench.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Admin HTTP on {@code ADMIN_PORT}, the same for every impl (SPEC §3.3): {@code GET /health},
 * {@code GET /metrics} (Prometheus text), {@code POST /notify} (body → text message to every client, 202 with
 * the count). It runs on the JDK's own HTTP server so no impl's library serves another impl's admin traffic.
 */
final class AdminServer implements AutoCloseable {
    /** {@link ReplicaId#current()} with JSON's special characters dropped (it is a host name in practice). */
    private static final String REPLICA = ReplicaId.current().replaceAll("[\"\\\\\\p{Cntrl}]", "");

    static {
        // The JDK's server writes a response's head and body apart and leaves Nagle on: the body then waits for
        // the peer's delayed ACK, ~45 ms a request here (3.5 ms with this), and every poll of /health or /metrics
        // by the bench and the tests paid it. Read once, when the JDK's server classes load: before the first one.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private final HttpServer http;

    AdminServer(ServerConfig config, Hub hub, String impl) throws IOException {
        http = HttpServer.create(new InetSocketAddress(config.host(), config.adminPort()), 128);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "wsbench-admin");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/health", ex -> {
            if (allow(ex, "GET")) {
                // Still 200 with the broker down: this replica serves its own clients, so nginx and Compose's
                // health check should keep it; the "broker" member says fan-out is off.
                BrokerFanOut broker = hub.broker();
                respond(ex, 200, "application/json",
                        "{\"status\":\"UP\",\"impl\":\"" + impl + "\",\"replica\":\"" + REPLICA + "\",\"connections\":"
                                + hub.connectionCount() + (broker == null ? "" : ",\"broker\":" + broker.healthJson())
                                + "}");
            }
        });
        http.createContext("/metrics", ex -> {
            if (allow(ex, "GET")) {
                ex.getResponseHeaders().set("Content-Type", hub.metrics().contentType());
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    hub.metrics().writeText(out);
                }
            }
        });
        http.createContext("/notify", ex -> {
            if (allow(ex, "POST")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                respond(ex, 202, "application/json", "{" + hub.notify(body).jsonMembers() + "}");
            }
        });
        http.createContext("/", ex -> respond(ex, 404, "text/plain", "not found: " + ex.getRequestURI().getPath()));
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    private static boolean allow(HttpExchange ex, String method) throws IOException {
        if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
            respond(ex, 404, "text/plain", "not found: " + ex.getRequestURI().getPath());
            return false;
        }
        if (!ex.getRequestMethod().equals(method)) {
            ex.getResponseHeaders().set("Allow", method);
            respond(ex, 405, "text/plain", "use " + method);
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
