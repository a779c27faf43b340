package io.wsbench.bench.machine;

/**
 * {@code ulimit -n} of the bench JVM (the servers and nginx inherit it): every connection is one open file in
 * the load generator and one in the server, and through nginx two more in nginx (client side and upstream).
 */
public record OpenFileLimit(long soft, long hard) {

    /** Files kept back for the JVM's own jars, logs and sockets when saying how many connections fit. */
    private static final long RESERVED = 200;

    public static OpenFileLimit current() {
        return ProcFs.openFileLimits().map(l -> new OpenFileLimit(l[0], l[1])).orElse(new OpenFileLimit(-1, -1));
    }

    /** The limit of another process, e.g. a server JVM; unknown (-1) when it cannot be read. */
    public static OpenFileLimit of(long pid) {
        return ProcFs.openFileLimits(pid).map(l -> new OpenFileLimit(l[0], l[1])).orElse(new OpenFileLimit(-1, -1));
    }

    /** Roughly how many connections one process can hold at this limit. */
    public long connectionsPerProcess() {
        return soft < 0 || soft == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, soft - RESERVED);
    }

    /** One sentence for the report. */
    public String meaning() {
        if (soft < 0) {
            return "open-file limit unknown (no /proc/self/limits)";
        }
        String limit = soft == Long.MAX_VALUE ? "unlimited" : Long.toString(soft);
        String hardText = hard == Long.MAX_VALUE ? "unlimited" : Long.toString(hard);
        return "ulimit -n " + limit + " (hard " + hardText + "): the load generator, each server JVM and nginx can"
                + " each hold about " + (connectionsPerProcess() == Long.MAX_VALUE ? "any number of"
                : String.format("%,d", connectionsPerProcess())) + " connections (nginx uses two files per"
                + " proxied connection, so about half that through nginx)";
    }
}
