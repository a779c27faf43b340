package io.wsbench.bench.machine;

import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server JVM's memory right after a full GC: the Java heap in use (so live objects only, what the
 * connections keep) and the process's RSS. The GC is forced from outside with {@code jcmd <pid> GC.run}
 * (System.gc() in the server, a full, compacting collection under G1), because the server has no endpoint to ask
 * for one; the heap figure is then the server's own {@code jvm_memory_used_bytes{area="heap"}} from /metrics.
 * A collection the JVM was never asked for would leave the heap figure holding whatever garbage the last
 * handshakes left, which is what would make it lie.
 */
public record ServerMemory(long heapUsedBytes, long rssBytes) {
    private static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"}";
    private static final long JCMD_TIMEOUT_SECONDS = 60;
    private static final Duration SETTLE_STEP = Duration.ofMillis(250);
    private static final Duration SETTLE_CAP = Duration.ofSeconds(5);
    private static final int SETTLE_READINGS = 3;
    private static final double SETTLE_SPREAD = 0.01;
    private static final long SETTLE_FLOOR = 512 * 1024;

    /** Forces a full GC in {@code replica}, then reads its heap in use and RSS. */
    public static ServerMemory afterGc(ServerReplica replica) throws IOException, InterruptedException {
        forceGc(replica.pid());
        long heap = (long) replica.metrics().get(HEAP_USED);
        if (heap <= 0) {
            throw new IOException(replica.name() + " reports no " + HEAP_USED + " on /metrics");
        }
        long rss = ProcFs.rssBytes(replica.pid())
                .orElseThrow(() -> new IOException("cannot read the RSS of " + replica.name() + " in /proc"));
        return new ServerMemory(heap, rss);
    }

    /** The RSS of a server that is no JVM (a reference server): no GC to force, no heap; the heap reads 0. */
    public static ServerMemory rssOnly(ServerReplica replica) throws IOException {
        long rss = ProcFs.rssBytes(replica.pid())
                .orElseThrow(() -> new IOException("cannot read the RSS of " + replica.name() + " in /proc"));
        return new ServerMemory(0, rss);
    }

    /**
     * The process's RSS once it has stopped moving: read every {@link #SETTLE_STEP} until {@link #SETTLE_READINGS}
     * successive readings lie within {@link #SETTLE_SPREAD} of each other (at most {@link #SETTLE_CAP}), the last
     * one returned. No GC is asked for: this is the footprint a user's server shows, garbage and headroom included.
     */
    public static long settledRssBytes(long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_CAP.toNanos();
        ArrayDeque<Long> last = new ArrayDeque<>();
        while (true) {
            long rss = ProcFs.rssBytes(pid).orElseThrow(() -> new IOException("cannot read the RSS of " + pid));
            last.addLast(rss);
            if (last.size() > SETTLE_READINGS) {
                last.removeFirst();
            }
            long lo = last.stream().mapToLong(Long::longValue).min().orElse(rss);
            long hi = last.stream().mapToLong(Long::longValue).max().orElse(rss);
            boolean steady = last.size() == SETTLE_READINGS && hi - lo <= Math.max(SETTLE_SPREAD * hi, SETTLE_FLOOR);
            if (steady || System.nanoTime() >= deadline) {
                return rss;
            }
            Thread.sleep(SETTLE_STEP.toMillis());
        }
    }

    /** {@code jcmd <pid> GC.run}, which returns once the collection is over. */
    static void forceGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
    }

    /** Runs one jcmd {@code command} against {@code pid} and returns what it printed. */
    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IOException("no " + jcmd + ": jcmd against the server needs a JDK, not a JRE");
        }
        // jcmd is a JVM itself: a small, quick one (its start is most of the cost)
        List<String> argv = List.of(jcmd.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                Long.toString(pid), command);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish within " + JCMD_TIMEOUT_SECONDS
                    + " s");
        }
        if (p.exitValue() != 0 || out.contains("Exception")) {
            throw new IOException("jcmd " + pid + " " + command + " failed (exit " + p.exitValue() + "): " + out);
        }
        if (command.equals("GC.run") && !out.contains("Command executed successfully")) {
            throw new IOException("jcmd " + pid + " GC.run failed: " + out);
        }
        return out;
    }
}
