package io.wsbench.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process this JVM starts and nobody else outlives it: run under {@code reaper.sh}, which stops it when our
 * end of its stdin pipe closes. That happens on {@link #close()}, on the JVM's shutdown hook, and, because the
 * kernel closes a dead process's pipes, when this JVM is killed with SIGKILL and no Java code runs at all.
 * Output (stdout and stderr) goes to a log file, never to a pipe that could fill up or break.
 */
final class ChildProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    /** The reaper sends SIGKILL 10 s after SIGTERM; we wait a little longer before doing it ourselves. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAll, "wsbench-child-reaper"));
    }

    private final String name;
    private final Process reaper;
    private final long pid;
    private final Path log;

    private ChildProcess(String name, Process reaper, long pid, Path log) {
        this.name = name;
        this.reaper = reaper;
        this.pid = pid;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code dir} with {@code env} as its whole environment, output appended to
     * {@code log}.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir, Path log)
            throws IOException {
        Path script = reaperScript(dir);
        Path pidFile = dir.resolve(name + ".pid");
        Files.deleteIfExists(pidFile);
        List<String> argv = new ArrayList<>(List.of("sh", script.toString(), pidFile.toString()));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        // stdin stays Redirect.PIPE: its EOF is the stop signal.
        builder.environment().clear();
        builder.environment().putAll(env);
        Process reaper = builder.start();
        long pid = readPid(pidFile, reaper);
        ChildProcess child = new ChildProcess(name, reaper, pid, log);
        LIVE.add(child);
        return child;
    }

    String name() {
        return name;
    }

    /** The real process (the server JVM, the nginx master), not the reaper shell. */
    long pid() {
        return pid;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return reaper.isAlive();
    }

    /** The child's exit status once it has exited. */
    int exitValue() {
        return reaper.exitValue();
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String logTail(int lines) {
        return tail(log, lines);
    }

    /** Asks the child to stop (SIGTERM via the reaper) without waiting. */
    void requestStop() {
        try {
            reaper.getOutputStream().close();
        } catch (IOException e) {
            // The reaper is gone already: nothing left to tell.
        }
    }

    /**
     * SIGKILLs the child and anything it started, and waits until they are gone: for a server holding thousands
     * of connections once its figures are taken, whose orderly shutdown (a close frame to each) would only cost
     * time. {@link #close()} afterwards has nothing left to wait for.
     */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>(reaper.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        reaper.destroyForcibly();
        tree.add(reaper.toHandle());
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{} (pid {}) still there after SIGKILL: {}", name, h.pid(), e.toString());
            }
        }
    }

    /** Stops the child and waits; SIGKILLs it (and anything it started) if it ignores SIGTERM. */
    @Override
    public void close() {
        List<ProcessHandle> tree = reaper.descendants().toList();
        requestStop();
        try {
            if (!reaper.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) ignored SIGTERM for {} s; killing it", name, pid, STOP_GRACE.toSeconds());
                tree.forEach(ProcessHandle::destroyForcibly);
                reaper.destroyForcibly();
                reaper.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
            reaper.destroyForcibly();
        } finally {
            // e.g. nginx workers whose master was SIGKILLed: their parent cannot reap them any more.
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            LIVE.remove(this);
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** One copy per directory; replicas start in parallel, and a running sh must never see it rewritten. */
    private static synchronized Path reaperScript(Path dir) throws IOException {
        Path script = dir.resolve("reaper.sh");
        if (!Files.exists(script)) {
            try (InputStream in = ChildProcess.class.getResourceAsStream("reaper.sh")) {
                if (in == null) {
                    throw new IOException("reaper.sh missing from the classpath");
                }
                Files.copy(in, script);
            }
        }
        return script;
    }

    private static long readPid(Path pidFile, Process reaper) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            if (!reaper.isAlive()) {
                throw new IOException("the reaper shell exited with " + reaper.exitValue() + " before starting");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reaper.destroyForcibly();
                throw new IOException("interrupted while starting", e);
            }
        }
        reaper.destroyForcibly();
        throw new IOException("the reaper shell wrote no pid to " + pidFile + " within 10 s");
    }

    /** Shutdown hook: all children stop at once, then we wait for each. */
    private static void stopAll() {
        List<ChildProcess> live = List.copyOf(LIVE);
        live.forEach(ChildProcess::requestStop);
        live.forEach(ChildProcess::close);
    }
}
