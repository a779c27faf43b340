package io.wsbench.bench.machine;

/**
 * How many more connections fit in a server JVM and in the load generator: each connection is one open file
 * (socket) in each, so it is the open-file limit ({@code ulimit -n}) less the files each already holds, less a
 * little headroom for the jars, logs and admin sockets they still open. {@code limitedBy} names the tighter one.
 */
public record ConnectionRoom(long connections, String limitedBy, OpenFileLimit limit, long alreadyOpen) {
    /** Files kept free for what the processes open besides the connections (an admin request, a log). */
    static final int HEADROOM = 100;

    public static ConnectionRoom between(long serverPid, long loadPid) {
        ConnectionRoom server = of("the server JVM", serverPid);
        ConnectionRoom load = of("the load generator", loadPid);
        return load.connections < server.connections ? load : server;
    }

    static ConnectionRoom of(String who, long pid) {
        OpenFileLimit limit = OpenFileLimit.of(pid);
        long open = ProcFs.openFiles(pid).orElse(0);
        if (limit.soft() < 0 || limit.soft() == Long.MAX_VALUE) {
            return new ConnectionRoom(Long.MAX_VALUE, who, limit, open);
        }
        return new ConnectionRoom(Math.max(0, limit.soft() - open - HEADROOM), who, limit, open);
    }

    /**
     * {@code wanted}, or as many as fit rounded down to a thousand (so every repetition opens the same number
     * although the files held differ by a few).
     */
    public int fit(int wanted) {
        if (wanted <= connections) {
            return wanted;
        }
        return (int) (connections >= 1000 ? connections / 1000 * 1000 : connections);
    }

    /** The limit in words, for a note under the table. */
    public String describe() {
        if (limit.soft() < 0) {
            return limitedBy + "'s open-file limit is unknown (no /proc)";
        }
        String soft = limit.soft() == Long.MAX_VALUE ? "unlimited" : Long.toString(limit.soft());
        String hard = limit.hard() == Long.MAX_VALUE ? "unlimited" : Long.toString(limit.hard());
        return limitedBy + " has ulimit -n " + soft + " (hard " + hard + ")";
    }
}
