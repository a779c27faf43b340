package io.wsbench.bench.machine;

import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** {@code jcmd <pid> GC.run}, which returns once the collection is over. */
    static void forceGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new IOException("no " + jcmd + ": forcing a GC in the server needs a JDK, not a JRE");
        }
        // jcmd is a JVM itself: a small, quick one (its start is most of the cost)
        List<String> argv = List.of(jcmd.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                Long.toString(pid), "GC.run");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run did not finish within " + JCMD_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || !out.contains("Command executed successfully")) {
            throw new IOException("jcmd " + pid + " GC.run failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
