package io.wsbench.bench.machine;

import io.wsbench.topology.ServerReplica;
import java.io.IOException;

/**
 * What a server JVM keeps alive, read right after a forced full GC: the Java heap in use and the native memory
 * (the RSS outside the heap's resident pages, see {@link JavaHeap}). Over a baseline and per connection it
 * compares libraries' own data structures; it is not what to provision, which also carries the garbage and
 * headroom between collections (the footprint, {@link ServerMemory#settledRssBytes}).
 */
public record LiveSet(long heapUsedBytes, long nativeBytes, long rssBytes) {

    /** Forces a full GC in {@code replica}, then splits its memory into heap in use and native. */
    public static LiveSet afterGc(ServerReplica replica, JavaHeap heap) throws IOException, InterruptedException {
        ServerMemory m = ServerMemory.afterGc(replica);
        return new LiveSet(m.heapUsedBytes(), m.rssBytes() - heap.residentBytes(), m.rssBytes());
    }
}
