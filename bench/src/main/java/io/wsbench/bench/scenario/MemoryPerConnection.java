package io.wsbench.bench.scenario;

import io.wsbench.bench.Stacks;
import io.wsbench.bench.machine.JavaHeap;
import io.wsbench.bench.machine.LiveSet;
import io.wsbench.bench.machine.ServerMemory;
import io.wsbench.bench.result.Metric;
import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory per connection in the two figures that answer two questions (issue 14). The footprint, the headline, is
 * what to provision: the server JVM's RSS growth, started as a user starts it (small initial heap, G1 sizing
 * itself, no pre-touch), read once it settles and with no GC forced, so G1's headroom and the garbage between
 * collections count as they do in production. The live set compares libraries' own data structures: the heap in
 * use after a forced full GC plus the native memory (RSS outside the heap's resident pages), each over the same
 * readings with no connection open. Both over a baseline taken in the same JVM once it has been warmed up:
 * this record, {@code rss} the settled RSS and {@code live} the live set with no connection open.
 */
record MemoryPerConnection(ServerReplica server, JavaHeap heap, long rss, LiveSet live) {
    static final Metric FOOTPRINT = Metric.lower("footprint_per_conn_bytes", "footprint/conn", "bytes");
    static final Metric LIVE_SET = Metric.lower("live_set_per_conn_bytes", "live set/conn", "bytes");
    static final Metric HEAP = Metric.context("heap_per_conn_bytes", "heap/conn", "bytes");
    static final Metric NATIVE = Metric.context("native_per_conn_bytes", "native/conn", "bytes");
    static final Metric RSS_AT_N = Metric.context("rss_at_n_mib", "RSS at N", "MiB");
    static final Metric HEAP_AT_N = Metric.context("heap_after_gc_at_n_mib", "heap after GC at N", "MiB");
    /** The figures after the scenario's headline, in table order; the footprint leads. */
    static final List<Metric> METRICS = List.of(FOOTPRINT, LIVE_SET, HEAP, NATIVE);
    /** What the capacity and compression descriptions say of the two figures, in the same words. */
    static final String EXPLAINED = "footprint/conn (the headline, what to provision) is the RSS growth of a server"
            + " JVM started as a user would (" + ConnectionMemory.USER_INITIAL_HEAP + ", -Xmx as for every"
            + " scenario, G1 sizing itself, no pre-touch), read once the RSS settles and with no GC forced, so G1's"
            + " headroom and the garbage between collections count; live set/conn (to compare libraries' own data"
            + " structures) is the heap in use after a full GC forced with jcmd plus the native memory (RSS outside"
            + " the heap's resident pages, from /proc/PID/smaps and the heap's address range), split in heap/conn and"
            + " native/conn; each over the same readings in the same JVM, warmed up, before the connections opened"
            + " (the baseline's RSS read after its forced GC, so it holds no garbage)."
            + " ServerMemoryTest checks the readings on a known 64 MiB heap and direct allocation (±25%)";

    /**
     * The baseline with no connection open: the live set after a forced GC, then the settled RSS. In that order
     * the footprint starts from a JVM holding no garbage, as a freshly started one, and G1 then sizes the heap for
     * the connections freely; read before the GC, the baseline held the warm-up's garbage and the collection's
     * shrinking of the heap was subtracted from the connections' cost (1.0 to 4.8 KiB for the same netty row).
     */
    static MemoryPerConnection baseline(ServerReplica server) throws IOException, InterruptedException {
        if (Stacks.isReference(server.config().impl())) {
            // no JVM to force a GC in or to read a heap from: the footprint only (its rule asks for no GC anyway)
            return new MemoryPerConnection(server, null, ServerMemory.settledRssBytes(server.pid()), null);
        }
        JavaHeap heap = JavaHeap.of(server.pid());
        LiveSet live = LiveSet.afterGc(server, heap);
        return new MemoryPerConnection(server, heap, ServerMemory.settledRssBytes(server.pid()), live);
    }

    /** What a reference server's row says in place of the live set. */
    static final String NO_LIVE_SET = "live set, heap and native per connection not measured: they need a forced GC"
            + " and the heap of a JVM, and a reference server is no JVM (the footprint is measured as for every impl)";

    /**
     * Both figures over the baseline for {@code connections}: the settled RSS first, before the forced GC the live
     * set needs, so the footprint is read as a user's server would show it.
     */
    Map<String, Double> over(int connections) throws IOException, InterruptedException {
        double n = connections;
        long footprint = ServerMemory.settledRssBytes(server.pid());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(FOOTPRINT.key(), (footprint - rss) / n);
        values.put(RSS_AT_N.key(), footprint / (1024.0 * 1024));
        if (live == null) {
            return values;
        }
        LiveSet now = LiveSet.afterGc(server, heap);
        double heapPerConn = (now.heapUsedBytes() - live.heapUsedBytes()) / n;
        double nativePerConn = (now.nativeBytes() - live.nativeBytes()) / n;
        values.put(LIVE_SET.key(), heapPerConn + nativePerConn);
        values.put(HEAP.key(), heapPerConn);
        values.put(NATIVE.key(), nativePerConn);
        values.put(HEAP_AT_N.key(), now.heapUsedBytes() / (1024.0 * 1024));
        return values;
    }
}
