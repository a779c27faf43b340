package io.wsbench.bench.machine;

/**
 * How many more connections fit in a server JVM and in the load generator: each connection is one open file
 * (socket) in each, so it is each one's open-file limit ({@code ulimit -n}) less the files it already holds, less
 * a little headroom for the jars, logs and admin sockets it may still open; the tighter of the two counts.
 *
 * @param server      connections that fit in the server JVM ({@link Long#MAX_VALUE} when its limit is unknown)
 * @param load        connections that fit in the load generator
 */
public record ConnectionRoom(long server, long load, OpenFileLimit serverLimit, OpenFileLimit loadLimit) {
    /** Files kept free for what the processes open besides the connections (an admin request, a log). */
    static final int HEADROOM = 100;

    public static ConnectionRoom between(long serverPid, long loadPid) {
        OpenFileLimit serverLimit = OpenFileLimit.of(serverPid);
        OpenFileLimit loadLimit = OpenFileLimit.of(loadPid);
        return new ConnectionRoom(room(serverLimit, serverPid), room(loadLimit, loadPid), serverLimit, loadLimit);
    }

    private static long room(OpenFileLimit limit, long pid) {
        if (limit.soft() < 0 || limit.soft() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, limit.soft() - ProcFs.openFiles(pid).orElse(0) - HEADROOM);
    }

    public long connections() {
        return Math.min(server, load);
    }

    /**
     * {@code wanted}, or as many as fit rounded down to a thousand (so every repetition opens the same number
     * although the files held differ by a few).
     */
    public int fit(int wanted) {
        long room = connections();
        if (wanted <= room) {
            return wanted;
        }
        return (int) (room >= 1000 ? room / 1000 * 1000 : room);
    }

    /** Both limits in words, the same in every repetition, for a note under the table. */
    public String describe() {
        return "open-file limit (ulimit -n) " + limit(serverLimit) + " in the server JVM and " + limit(loadLimit)
                + " in the load generator, one file per connection in each";
    }

    private static String limit(OpenFileLimit l) {
        if (l.soft() < 0) {
            return "unknown";
        }
        return text(l.soft()) + " (hard " + text(l.hard()) + ")";
    }

    private static String text(long n) {
        return n == Long.MAX_VALUE ? "unlimited" : Long.toString(n);
    }
}
