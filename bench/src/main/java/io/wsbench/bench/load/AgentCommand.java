package io.wsbench.bench.load;

import java.net.URI;
import java.time.Duration;

/**
 * One line the bench sends a {@link LoadAgent} (JSON, one object a line, see {@link AgentLines}); the agent answers
 * each with one {@link AgentReport}, in order.
 *
 * <ul>
 *   <li>{@code open}: open {@code count} more connections to {@code uri} from source address {@code source} at
 *       {@code perSecond}, and keep them;</li>
 *   <li>{@code await}: wait until every open connection has received notification {@code seq}, at most
 *       {@code patienceMillis};</li>
 *   <li>{@code cut}: the receipt times recorded since the last cut;</li>
 *   <li>{@code status}: how many connections are open and how many closed since they opened.</li>
 * </ul>
 */
public record AgentCommand(String op, String uri, int count, int perSecond, String source, long seq,
                           long patienceMillis) {
    public static final String OPEN = "open";
    public static final String AWAIT = "await";
    public static final String CUT = "cut";
    public static final String STATUS = "status";

    public static AgentCommand open(URI uri, int count, int perSecond, String source) {
        return new AgentCommand(OPEN, uri.toString(), count, perSecond, source, 0, 0);
    }

    public static AgentCommand await(long seq, Duration patience) {
        return new AgentCommand(AWAIT, null, 0, 0, null, seq, patience.toMillis());
    }

    public static AgentCommand cut() {
        return new AgentCommand(CUT, null, 0, 0, null, 0, 0);
    }

    public static AgentCommand status() {
        return new AgentCommand(STATUS, null, 0, 0, null, 0, 0);
    }
}
