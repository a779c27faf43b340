package io.wsbench.containers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What a load run saw, printed by the ws-client container as a few {@code ws-client ...} lines that
 * {@code docker/ci.sh compose-check} and people read: connections per replica, echoes, wrong replies, round
 * trips. Every figure is counted during the run.
 */
public record Summary(EchoRun.Settings settings, String library, List<ConnResult> connections, List<String> errors,
                      Histogram rtt, double connectSeconds, double seconds) {

    /** One connection: whether it opened, the replica that answered its whoami, echoes and the close code seen. */
    public record ConnResult(int id, boolean opened, String replica, long echoes, long wrong, int closeCode) {
    }

    static Summary of(EchoRun.Settings settings, String library, List<ConnResult> connections, List<String> errors,
                      Histogram rtt, double connectSeconds, double seconds) {
        return new Summary(settings, library, List.copyOf(connections), List.copyOf(errors), rtt.copy(),
                connectSeconds, seconds);
    }

    public long opened() {
        return connections.stream().filter(ConnResult::opened).count();
    }

    public long echoes() {
        return connections.stream().mapToLong(ConnResult::echoes).sum();
    }

    public long wrongReplies() {
        return connections.stream().mapToLong(ConnResult::wrong).sum();
    }

    /** Replica id → how many connections it held (sorted by id); "?" for connections that never learned it. */
    public Map<String, Long> perReplica() {
        return connections.stream().filter(ConnResult::opened)
                .collect(Collectors.groupingBy(c -> c.replica() == null ? "?" : c.replica(), TreeMap::new,
                        Collectors.counting()));
    }

    /** Every connection opened, learned its replica and echoed at least once; no reply was wrong. */
    public boolean ok() {
        return errors.isEmpty() && opened() == settings.connections() && !perReplica().containsKey("?")
                && connections.stream().allMatch(c -> c.echoes() > 0) && wrongReplies() == 0;
    }

    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("ws-client: %s via %s, %d connections (opened in %.1f s), echo for %.1f s%n",
                settings.url(), library, settings.connections(), connectSeconds, seconds));
        out.append(String.format("ws-client opened=%d failed=%d echoes=%d wrong=%d rate=%.0f/s%n", opened(),
                errors.size(), echoes(), wrongReplies(), echoes() / seconds));
        if (rtt.getTotalCount() > 0) {
            out.append(String.format("ws-client rtt_us p50=%d p99=%d max=%d%n", rtt.getValueAtPercentile(50) / 1000,
                    rtt.getValueAtPercentile(99) / 1000, rtt.getMaxValue() / 1000));
        }
        Map<String, Long> replicas = perReplica();
        out.append("ws-client replicas=").append(replicas.size()).append(' ').append(replicas.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "))).append('\n');
        errors.stream().distinct().limit(5).forEach(e -> out.append("ws-client error: ").append(e).append('\n'));
        out.append("ws-client result=").append(ok() ? "OK" : "FAILED").append('\n');
        return out.toString();
    }
}
