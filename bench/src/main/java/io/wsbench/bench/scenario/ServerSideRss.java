package io.wsbench.bench.scenario;

import io.wsbench.bench.machine.ProcFs;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of everything on the server side of a topology, read from /proc at one moment: every replica
 * JVM, nginx (master and workers) and the nats-server broker when there is one. What a deployment of it would
 * provision, connection for connection.
 */
record ServerSideRss(long replicas, long nginx, long broker) {

    static ServerSideRss read(Topology topology) {
        long replicas = topology.replicas().stream().mapToLong(ServerReplica::pid).map(ServerSideRss::rss).sum();
        List<Long> nginx = topology.nginx().pids();
        long broker = topology.config().broker() ? rss(topology.broker().pid()) : 0;
        return new ServerSideRss(replicas, nginx.stream().mapToLong(ServerSideRss::rss).sum(), broker);
    }

    /** Every server-side process: the replicas, nginx's master and workers, the broker when there is one. */
    static List<Long> pids(Topology topology) {
        List<Long> all = new ArrayList<>(topology.replicas().stream().map(ServerReplica::pid).toList());
        all.addAll(topology.nginx().pids());
        if (topology.config().broker()) {
            all.add(topology.broker().pid());
        }
        return all;
    }

    /** CPU seconds every server-side process has used so far. */
    static double cpuSeconds(Topology topology) {
        return pids(topology).stream().mapToDouble(pid -> ProcFs.cpuSeconds(pid).orElse(0.0)).sum();
    }

    long total() {
        return replicas + nginx + broker;
    }

    private static long rss(long pid) {
        return ProcFs.rssBytes(pid).orElse(0L);
    }
}
