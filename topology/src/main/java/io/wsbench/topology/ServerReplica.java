package io.wsbench.topology;

import io.wsbench.core.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One notification server in a JVM of its own ({@code io.wsbench.core.ServerMain}, configured only through the
 * SPEC's env vars, as a container would be), started and owned by this object. Its memory and CPU are its own,
 * which is what the bench measures; its admin port answers {@code /health} and {@code /metrics}. A reference
 * server ({@link ReferenceServer}: Go, Node.js) is started the same way, as its own executable instead of a JVM.
 */
public final class ServerReplica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerReplica.class);
    private static final String MAIN = "io.wsbench.core.ServerMain";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;
    private static final HttpClient ADMIN = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** The {@code library} label of {@code wsbench_server_info} on /metrics ({@link #library()}). */
    private static final Pattern LIBRARY = Pattern.compile("wsbench_server_info\\{[^}]*library=\"([^\"]*)\"");
    /** Every variable ServerOptions reads; all are set (or removed) so nothing leaks in from our environment. */
    static final List<String> SERVER_ENV = List.of("SERVER_IMPL", "WS_HOST", "WS_PORT", "WS_PATH", "ADMIN_PORT",
            "PING_PERIOD", "PONG_WAIT", "WRITE_WAIT", "READ_LIMIT", "MAX_QUEUED_BYTES", "COMPRESSION",
            "COMPRESSION_LEVEL", "TLS_CERT", "TLS_KEY", "BROKER_URL", "BROKER_SUBJECT");

    private final String name;
    private final ServerConfig config;
    private final ChildProcess process;

    private ServerReplica(String name, ServerConfig config, ChildProcess process) {
        this.name = name;
        this.config = config;
        this.process = process;
    }

    /**
     * Starts a replica and waits until its {@code /health} answers 200.
     *
     * @param config the server's settings, with {@code impl} set and both ports chosen (not 0: another JVM's
     *               bound port cannot be read back)
     * @param dir    where its log ({@code <name>.log}) goes
     * @throws IOException when it exits or stays unhealthy; the message holds the end of its log
     */
    public static ServerReplica start(String name, ServerConfig config, ServerJvm jvm, Path dir)
            throws IOException {
        Objects.requireNonNull(config.impl(), "config.impl");
        if (config.port() == 0 || config.adminPort() == 0) {
            throw new IllegalArgumentException("a replica needs explicit ports, got " + config.port() + "/"
                    + config.adminPort());
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        SERVER_ENV.forEach(env::remove);
        env.putAll(environment(config));
        ReferenceServer.named(config.impl()).ifPresent(r -> env.putAll(r.processorEnvironment(jvm.flags())));
        List<String> command = command(config.impl(), jvm, env);

        ChildProcess process = ChildProcess.start(name, command, env, dir, dir.resolve(name + ".log"));
        ServerReplica replica = new ServerReplica(name, config, process);
        try {
            replica.awaitHealthy();
        } catch (IOException | RuntimeException e) {
            replica.close();
            throw e;
        }
        LOG.info("{}: {} pid {} on {} (admin {})", name, config.impl(), process.pid(), replica.wsUri(),
                replica.adminUri());
        return replica;
    }

    /**
     * {@link #start} on two free ports, chosen again when another process took one before the server bound it.
     *
     * @param config the server's settings, with {@code impl} set; its ports are replaced
     */
    public static ServerReplica startOnFreePorts(String name, ServerConfig config, ServerJvm jvm, Path dir)
            throws IOException {
        IOException lastPortClash = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int[] ports = FreePorts.allocate(config.host(), 2);
            try {
                return start(name, config.withPorts(ports[0], ports[1]), jvm, dir);
            } catch (IOException e) {
                if (!FreePorts.mentionsPortInUse(e.getMessage())) {
                    throw e;
                }
                LOG.info("{}: a port was taken before the server bound it; retrying with new ports", name);
                lastPortClash = e;
            }
        }
        throw lastPortClash;
    }

    /**
     * {@code <java> <flags> -cp <classpath> io.wsbench.core.ServerMain} for a Java impl; a reference server's
     * own executable for {@link ReferenceServer}s (the JVM's flags and classpath do not apply to it).
     */
    static List<String> command(String impl, ServerJvm jvm, Map<String, String> env) {
        Optional<ReferenceServer> reference = ReferenceServer.named(impl);
        if (reference.isPresent()) {
            return reference.get().command(env);
        }
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        command.addAll(jvm.flags());
        command.addAll(List.of("-cp", jvm.classpath(), MAIN));
        return command;
    }

    /** The SPEC §3 env vars for {@code config}, in the formats ServerOptions parses. */
    static Map<String, String> environment(ServerConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_IMPL", config.impl());
        env.put("WS_HOST", config.host());
        env.put("WS_PORT", Integer.toString(config.port()));
        env.put("WS_PATH", config.path());
        env.put("ADMIN_PORT", Integer.toString(config.adminPort()));
        env.put("PING_PERIOD", config.pingPeriod().toMillis() + "ms");
        env.put("PONG_WAIT", config.pongWait().toMillis() + "ms");
        env.put("WRITE_WAIT", config.writeWait().toMillis() + "ms");
        env.put("READ_LIMIT", Integer.toString(config.readLimit()));
        env.put("MAX_QUEUED_BYTES", Long.toString(config.maxQueuedBytes()));
        env.put("COMPRESSION", config.compression() ? "on" : "off");
        env.put("COMPRESSION_LEVEL", Integer.toString(config.compressionLevel()));
        if (config.tls()) {
            env.put("TLS_CERT", config.tlsCert().toString());
            env.put("TLS_KEY", config.tlsKey().toString());
        }
        if (config.broker().enabled()) {
            env.put("BROKER_URL", config.broker().url());
        }
        env.put("BROKER_SUBJECT", config.broker().subject());
        return env;
    }

    public String name() {
        return name;
    }

    public ServerConfig config() {
        return config;
    }

    /** The server process's pid (the JVM, or a reference server's own), for RSS and CPU; not the reaper shell's. */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The replica itself, bypassing nginx. */
    public URI wsUri() {
        return URI.create((config.tls() ? "wss" : "ws") + "://" + config.host() + ":" + config.port()
                + config.path());
    }

    public URI adminUri() {
        return URI.create("http://" + config.host() + ":" + config.adminPort());
    }

    /** The address nginx proxies to. */
    public String upstreamAddress() {
        return config.host() + ":" + config.port();
    }

    public MetricsSnapshot metrics() throws IOException {
        return MetricsSnapshot.parse(get("/metrics").body());
    }

    /**
     * The library and version the server reports as the {@code library} label of {@code wsbench_server_info} on its
     * /metrics (a Java impl's provider, a reference server's own build); empty when it reports none.
     */
    public Optional<String> library() throws IOException {
        Matcher info = LIBRARY.matcher(get("/metrics").body());
        return info.find() ? Optional.of(info.group(1)) : Optional.empty();
    }

    /** The body of {@code GET /health} (JSON; with a broker set, its {@code "broker"} member says UP or DOWN). */
    public String health() throws IOException {
        return get("/health").body();
    }

    /** {@code POST /notify}: the answer's body, {@code {"delivered":N}} (plus {@code "published"} with a broker). */
    public String notify(String text) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(adminUri().resolve("/notify"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        try {
            HttpResponse<String> response = ADMIN.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IOException("POST /notify on " + name + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted posting /notify to " + name, e);
        }
    }

    /** {@code wsbench_connections_active} right now. */
    public int connectionsActive() throws IOException {
        return metrics().connectionsActive();
    }

    /** Sends SIGTERM (the server closes its clients with 1001) and waits for the process to exit. */
    @Override
    public void close() {
        process.close();
    }

    /** SIGKILLs the server and waits until it is gone: no 1001 to its clients (see {@link ChildProcess#kill()}). */
    public void kill() {
        process.kill();
    }

    /** Starts stopping without waiting, so several replicas shut down at once. */
    void requestStop() {
        process.requestStop();
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(adminUri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return ADMIN.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + path + " of " + name, e);
        }
    }

    private void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " (" + config.impl() + ") exited with " + process.exitValue()
                        + " before it was healthy; last lines of " + log() + ":\n" + process.logTail(30));
            }
            try {
                HttpResponse<String> health = get("/health");
                if (health.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            pause();
        }
        throw new IOException(name + " (" + config.impl() + ") not healthy after " + READY_TIMEOUT.toSeconds()
                + " s (" + last + "); last lines of " + log() + ":\n" + process.logTail(30));
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a replica", e);
        }
    }
}
