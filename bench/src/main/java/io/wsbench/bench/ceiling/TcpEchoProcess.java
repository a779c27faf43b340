package io.wsbench.bench.ceiling;

import io.wsbench.bench.machine.CpuPinning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link TcpEchoServer} in a JVM of its own, started with the same flags as the WebSocket servers and pinned
 * to the server CPUs like them, so the ceiling runs where the impls run. The one owner of that process: closing
 * it closes the server's stdin (its stop signal) and waits; a server that does not go is killed.
 */
public final class TcpEchoProcess implements AutoCloseable {
    private static final long START_TIMEOUT_S = 30;
    private static final long STOP_TIMEOUT_S = 10;

    private final Process process;
    private final int port;
    private final Path log;

    private TcpEchoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server with {@code jvmFlags} on this JVM's java and classpath, and pins it.
     *
     * @throws IOException when it does not print its port in time, with the end of its log
     */
    public static TcpEchoProcess start(List<String> jvmFlags, CpuPinning pinning) throws IOException {
        Path log = Files.createTempFile("wsbench-tcp-echo-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TcpEchoServer.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile())).start();
        try {
            int port = readPort(process, log);
            pinning.pinServerSide(process.pid());
            return new TcpEchoProcess(process, port, log);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Null while it runs; else that it exited, with the end of its log. */
    public String deadReason() {
        return process.isAlive() ? null : "the TCP echo server exited with " + process.exitValue() + ": " + tail(log);
    }

    @Override
    public void close() {
        stop(process);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file left behind
        }
    }

    private static int readPort(Process process, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String first = line.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            if (first == null || !first.startsWith("port ")) {
                throw new IOException("the TCP echo server did not start (printed " + first + "): " + tail(log));
            }
            return Integer.parseInt(first.split(" ")[1]);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("the TCP echo server printed no port within " + START_TIMEOUT_S + " s: "
                    + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting the TCP echo server", e);
        }
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
