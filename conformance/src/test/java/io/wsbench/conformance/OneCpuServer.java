package io.wsbench.conformance;

import io.wsbench.topology.ReferenceServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own fresh JVM on one CPU, the way the bench runs one ({@code taskset} to CPU 0 and
 * {@code -XX:ActiveProcessorCount=1}): selector and decoder threads then share a core and preempt each other at
 * every hand-over, and the code is still interpreted at first. Races between those threads show up there within
 * seconds that an in-process server on a shared JVM almost never shows. Without {@code taskset} the JVM still
 * gets one active processor; its output goes to {@code target/one-cpu-server-<impl>-<port>.log}. A reference
 * server is its own executable under the same {@code taskset} (Go's runtime then sees one CPU; Node.js runs its
 * JavaScript on one thread anyway).
 */
final class OneCpuServer implements AutoCloseable {
    private static final String MAIN = "io.wsbench.core.ServerMain";

    private final Process process;
    private final int port;
    private final Path log;

    private OneCpuServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static OneCpuServer start(String impl) throws Exception {
        int[] ports = freePorts(2);
        Path log = Path.of("target", "one-cpu-server-" + impl + "-" + ports[0] + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        if (tasksetAvailable()) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.addAll(ReferenceServer.named(impl).map(r -> r.command(System.getenv())).orElseGet(() -> List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=1", "-cp", System.getProperty("java.class.path"), MAIN)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("SERVER_IMPL", impl);
        env.put("WS_HOST", "127.0.0.1");
        env.put("WS_PORT", Integer.toString(ports[0]));
        env.put("ADMIN_PORT", Integer.toString(ports[1]));
        OneCpuServer server = new OneCpuServer(builder.start(), ports[0], log);
        try {
            server.awaitHealthy(ports[1]);
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws-notifications");
    }

    Path log() {
        return log;
    }

    private void awaitHealthy(int adminPort) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + ScaledConfig.EVENTUALLY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (JdkClient.HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server not healthy within " + ScaledConfig.EVENTUALLY + "; see " + log);
    }

    /** SIGTERM (the server's own shutdown), then SIGKILL if it does not end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static boolean tasksetAvailable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return true;
            }
        }
        return false;
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
