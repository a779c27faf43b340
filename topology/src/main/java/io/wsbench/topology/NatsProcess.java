package io.wsbench.topology;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real nats-server (Debian's {@code nats-server} package; {@code nats/ensure-nats-server.sh} installs it) in a
 * directory of its own, as our child under the reaper like nginx and the server JVMs: the broker that carries
 * broadcasts across replicas ({@code BROKER_URL}). Client port and monitoring port ({@code /healthz},
 * {@code /varz}) on loopback. {@link #kill()} and {@link #restart()} keep the same ports, so the replicas'
 * clients find it again: how the tests take the broker away mid-run and bring it back.
 */
public final class NatsProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsProcess.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Executable NATS_SERVER = new Executable("NATS_SERVER_BIN", "nats-server",
            List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server",
                    "/opt/homebrew/bin/nats-server"));
    private static final HttpClient MONITOR = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path binary;
    private final Path dir;
    private final int port;
    private final int monitorPort;
    private final ChildProcess process;

    private NatsProcess(Path binary, Path dir, int port, int monitorPort, ChildProcess process) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.monitorPort = monitorPort;
        this.process = process;
    }

    /** Starts nats-server on free loopback ports, files in {@code dir}, and waits until {@code /healthz} is ok. */
    public static NatsProcess start(Path dir) throws IOException {
        Path binary = find(System.getenv());
        IOException lastPortClash = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int[] ports = FreePorts.allocate(HOST, 2);
            try {
                return start(binary, dir, ports[0], ports[1]);
            } catch (IOException e) {
                if (!e.getMessage().contains("address already in use")) {
                    throw e;
                }
                lastPortClash = e;
            }
        }
        throw lastPortClash;
    }

    private static NatsProcess start(Path binary, Path dir, int port, int monitorPort) throws IOException {
        Files.createDirectories(dir);
        List<String> command = List.of(binary.toString(), "--addr", HOST, "--port", Integer.toString(port),
                "--http_port", Integer.toString(monitorPort), "--server_name", "wsbench-" + port,
                "--pid", dir.resolve("nats-server.pid").toString());
        ChildProcess process = ChildProcess.start("nats-server", command, Map.of("PATH", System.getenv("PATH")),
                dir, dir.resolve("nats-server.log"));
        NatsProcess nats = new NatsProcess(binary, dir, port, monitorPort, process);
        try {
            nats.awaitReady();
        } catch (IOException | RuntimeException e) {
            nats.close();
            throw e;
        }
        LOG.info("nats-server pid {}: {} (monitoring {})", process.pid(), nats.url(), nats.monitorUri());
        return nats;
    }

    /** {@code NATS_SERVER_BIN}, else PATH, else the usual install places. */
    static Path find(Map<String, String> env) {
        return NATS_SERVER.find(env).orElseThrow(() -> new IllegalStateException("no nats-server binary found"
                + " (looked at " + NATS_SERVER.lookedAt(env) + "). The broker tests need a real one: run"
                + " nats/ensure-nats-server.sh or `apt-get install -y nats-server`."));
    }

    /** {@code nats://127.0.0.1:<port>}, what replicas take as BROKER_URL. */
    public String url() {
        return "nats://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** nats-server's monitoring endpoint: {@code /healthz}, {@code /varz}, {@code /connz}. */
    public URI monitorUri() {
        return URI.create("http://" + HOST + ":" + monitorPort);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** GET on the monitoring port, e.g. {@code /connz} to see which replicas are connected. */
    public String monitor(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(monitorUri().resolve(path)).timeout(Duration.ofSeconds(5))
                .GET().build();
        try {
            HttpResponse<String> response = MONITOR.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("nats-server " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading nats-server " + path, e);
        }
    }

    /** SIGKILL, no goodbye to its clients: the broker crashing. */
    public void kill() {
        process.kill();
    }

    /** A new nats-server on the same ports and directory (after {@link #kill()} or {@link #close()}). */
    public NatsProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("nats-server pid " + pid() + " is still running");
        }
        return start(binary, dir, port, monitorPort);
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with " + process.exitValue() + " at startup:\n"
                        + process.logTail(20));
            }
            try {
                monitor("/healthz");
                return;
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for nats-server", e);
            }
        }
        throw new IOException("nats-server not answering /healthz on " + monitorPort + " after "
                + READY_TIMEOUT.toSeconds() + " s (" + last + "):\n" + process.logTail(20));
    }

}
