package io.wsbench.bench.scenario;

import java.util.Locale;

/**
 * How the scale scenario spreads {@code connections} WebSockets through one nginx when no process may hold more
 * open files than {@code fileLimit}: each connection is one file in a replica, one in a load JVM and two in an
 * nginx worker (client side and upstream). So it takes K replicas, W nginx workers and M load JVMs, each filled to
 * a share of its limit that leaves room for an uneven spread. Built before anything starts, so a unit test checks
 * the sizes and the report can say which limit shaped them.
 *
 * @param connections       the largest count the run climbs to
 * @param fileLimit         the open-file limit ({@code ulimit -n}) every process inherits; {@link Long#MAX_VALUE}
 *                          when unlimited
 * @param ephemeralPorts    the machine's ephemeral port range: nginx opens every upstream connection from 127.0.0.1
 *                          to one replica's port, so one replica can hold at most this many
 * @param replicas          K server replicas behind nginx
 * @param nginxWorkers      W nginx worker processes ({@code reuseport}: the kernel spreads connections over them)
 * @param workerConnections nginx's {@code worker_connections}, two per proxied WebSocket
 * @param loadJvms          M load JVMs, each holding its share of the connections
 */
public record ScalePlan(int connections, long fileLimit, int ephemeralPorts, int replicas, int nginxWorkers,
                        int workerConnections, int loadJvms) {

    /** Files a process keeps for what it opens besides connections: jars, logs, epoll, admin and broker sockets. */
    static final int RESERVED_FILES = 500;
    /** A replica or load JVM is filled to this share of its room: least_conn and the shares are not exact. */
    static final double PROCESS_FILL = 0.9;
    /**
     * An nginx worker is filled to this share of its room: reuseport hashes each new connection to a worker, and a
     * hash over 100,000 connections still leaves some workers a few percent above the mean.
     */
    static final double WORKER_FILL = 2.0 / 3;
    /** nginx's {@code worker_rlimit_nofile} is worker_connections plus this (NginxProcess); it must fit the limit. */
    static final int NGINX_EXTRA_FILES = 1024;
    /** worker_connections where the file limit is unlimited or very high. */
    static final int MOST_WORKER_CONNECTIONS = 65_536;
    /** At least two of each, so even a small run spreads over replicas, workers and load JVMs. */
    static final int AT_LEAST = 2;

    public ScalePlan {
        if (connections < 1 || replicas < 1 || nginxWorkers < 1 || loadJvms < 1 || workerConnections < 16) {
            throw new IllegalArgumentException("a scale plan needs at least one of everything: " + connections
                    + " connections, " + replicas + " replicas, " + nginxWorkers + " nginx workers × "
                    + workerConnections + ", " + loadJvms + " load JVMs");
        }
    }

    /** The plan for {@code connections} at this machine's limits. */
    public static ScalePlan of(int connections, long fileLimit, int ephemeralPorts) {
        long perProcess = perProcess(fileLimit);
        int workerConnections = (int) Math.min(MOST_WORKER_CONNECTIONS,
                Math.max(16, saturated(fileLimit) - NGINX_EXTRA_FILES));
        int replicas = Math.max(AT_LEAST, Math.max(processes(connections, perProcess * PROCESS_FILL),
                processes(connections, ephemeralPorts * PROCESS_FILL)));
        int workers = Math.max(AT_LEAST, processes(connections, workerConnections / 2.0 * WORKER_FILL));
        int loadJvms = Math.max(AT_LEAST, processes(connections, perProcess * PROCESS_FILL));
        return new ScalePlan(connections, fileLimit, ephemeralPorts, replicas, nginxWorkers(workers),
                workerConnections, loadJvms);
    }

    /** Connections one process can hold at {@code fileLimit}: the limit less {@link #RESERVED_FILES}. */
    public static long perProcess(long fileLimit) {
        return Math.max(0, saturated(fileLimit) - RESERVED_FILES);
    }

    /**
     * Why one process cannot hold {@code connections} at {@code fileLimit} ("one process holds < 20,000 files"),
     * or null when it can: the single-replica rows above that count are not measured, and say this.
     */
    public static String oneProcessLimit(int connections, long fileLimit) {
        if (connections <= perProcess(fileLimit)) {
            return null;
        }
        return String.format(Locale.ROOT, "one process holds < %,d files (open-file limit %,d, not raisable here);"
                + " %,d connections need several replicas", fileLimit, fileLimit, connections);
    }

    /** Part {@code part}'s share of {@code total} split in {@code parts}: as equal as whole numbers allow. */
    public static int share(int part, int total, int parts) {
        return total / parts + (part < total % parts ? 1 : 0);
    }

    /** What the plan is and why, for the method text and the notes under the table. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d connections: %d replicas, %d nginx workers × %,d worker_connections"
                        + " (reuseport), %d load JVMs; every process under the open-file limit of %s (one file per"
                        + " connection in a replica and a load JVM, two in an nginx worker)", connections, replicas,
                nginxWorkers, workerConnections, loadJvms, fileLimit == Long.MAX_VALUE ? "unlimited"
                        : String.format(Locale.ROOT, "%,d", fileLimit));
    }

    private static int nginxWorkers(int needed) {
        // a power of two is not needed; an even number keeps the per-worker share a round figure in the notes
        return needed % 2 == 0 ? needed : needed + 1;
    }

    private static int processes(int connections, double each) {
        if (each < 1) {
            throw new IllegalArgumentException("no connection fits in one process (" + each + " each)");
        }
        return (int) Math.ceil(connections / each);
    }

    private static long saturated(long fileLimit) {
        return fileLimit < 0 ? Long.MAX_VALUE : fileLimit;
    }
}
