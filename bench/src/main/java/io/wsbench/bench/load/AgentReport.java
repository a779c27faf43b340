package io.wsbench.bench.load;

/**
 * A {@link LoadAgent}'s answer to one {@link AgentCommand}. Every answer says how many connections the agent holds
 * ({@code open}) and how many ended since they opened ({@code closed}, the first one's code in {@code firstClose});
 * the rest depends on the command. {@code error} is set, and nothing else trusted, when the command failed.
 *
 * @param opened         {@code open}: connections this command opened
 * @param failed         {@code open}: attempts that failed, the first reason in {@code firstFailure}
 * @param seconds        {@code open}: from the first attempt to the end of the last
 * @param connectNanos   {@code open}: connect times, an HdrHistogram in {@code Histograms.encode} form
 * @param seq            {@code await}: the notification waited for
 * @param received       {@code await}: open connections that had it when the wait ended
 * @param receiptNanos   {@code cut}: times to receipt since the last cut, encoded like {@code connectNanos}
 */
public record AgentReport(String op, int open, int closed, String firstClose, int opened, int failed,
                          String firstFailure, double seconds, String connectNanos, long seq, int received,
                          String receiptNanos, String error) {
    /** The first line an agent writes, once its client is up. */
    public static final String READY = "ready";

    static AgentReport ready() {
        return new AgentReport(READY, 0, 0, null, 0, 0, null, 0, null, 0, 0, null, null);
    }

    static AgentReport failure(String op, String error) {
        return new AgentReport(op, 0, 0, null, 0, 0, null, 0, null, 0, 0, null, error);
    }
}
