package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The notes' ping/pong, proxy timeout and write-deadline rules, judged from the timeouts scenario (durations
 * scaled down; its figures are ratios to the configured limit, so they carry over to production values).
 */
final class TimeoutClaims {
    private static final String SCENARIO = "timeouts";
    /** How late after its limit a close may come and still count as "at the limit": scheduling, one ping. */
    private static final double ON_TIME = 1.2;

    private TimeoutClaims() {
    }

    static List<Claim> all() {
        return List.of(
                new Claim("Nginx closes a WebSocket that carried no data from the server for proxy_read_timeout"
                        + " (60 s by default), so the timeout must be raised or filled.",
                        "000/001: «соединение будет закрыто, если с проксируемого сервера данные не передавались в"
                                + " течение 60 секунд»", TimeoutClaims::nginxCutsIdle),
                new Claim("proxy_read_timeout must exceed pongWait, or nginx kills the connection before the"
                        + " server's ping/pong logic does.",
                        "001/002: «Nginx должен иметь proxy_read_timeout больше, чем ваш pongWait»",
                        TimeoutClaims::readTimeoutAbovePongWait),
                new Claim("Ping every pingPeriod (< pongWait) and drop a peer silent for pongWait: dead peers are"
                        + " found at pongWait.", "001: «pongWait = 60 * time.Second», «pingPeriod = 30 * time.Second»",
                        TimeoutClaims::deadPeerAtPongWait),
                new Claim("Always set a write deadline: without one a write to a client that stopped reading hangs"
                        + " and leaks.", "002: «Без дедлайна WriteMessage может зависнуть навсегда → утечка горутин»",
                        TimeoutClaims::writeDeadlineCloses));
    }

    static Verdict nginxCutsIdle(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> p50 = f.medians("close_p50_ratio", caseStarts("idle, no pings"));
            if (p50.isEmpty()) {
                return Verdict.notMeasured("no impl measured idle tunnels without pings");
            }
            Map<String, Double> max = f.medians("close_max_ratio", caseStarts("idle, no pings"));
            long atLimit = p50.values().stream().filter(r -> r > 0.8 && r <= ON_TIME).count();
            String figures = "idle tunnels, no pings, through nginx: cut at " + ratios(p50) + " × proxy_read_timeout"
                    + " (p50; max " + ratios(max) + ")";
            return atLimit == p50.size() ? Verdict.holds(figures)
                    : atLimit == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
        });
    }

    static Verdict readTimeoutAbovePongWait(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> survived = f.medians("survived_pct", caseStarts("idle, ping"));
            if (survived.isEmpty()) {
                return Verdict.notMeasured("no impl measured idle tunnels with pings");
            }
            Map<String, Double> deadViaNginx = f.medians("close_p50_ratio", caseStarts("dead peer").and(route("nginx")));
            long all = survived.values().stream().filter(p -> p >= 100).count();
            String figures = "PONG_WAIT above proxy_read_timeout, PING_PERIOD below it (scaled values in the timeouts"
                    + " section): idle connections through nginx still open after several timeouts: " + percents(survived)
                    + (deadViaNginx.isEmpty() ? "" : "; dead peers through nginx closed by the server at "
                    + ratios(deadViaNginx) + " × PONG_WAIT (p50), not by nginx")
                    + ". What keeps a tunnel open is PING_PERIOD < proxy_read_timeout: pings are data to nginx";
            return all == survived.size() ? Verdict.doesNotHold(figures)
                    : all == 0 ? Verdict.holds(figures) : Verdict.partly(figures);
        });
    }

    static Verdict deadPeerAtPongWait(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> p99 = f.medians("close_p99_ratio", caseStarts("dead peer").and(route("direct")));
            if (p99.isEmpty()) {
                return Verdict.notMeasured("no impl measured dead peers");
            }
            Map<String, Double> p50 = f.medians("close_p50_ratio", caseStarts("dead peer").and(route("direct")));
            long onTime = p99.values().stream().filter(r -> r <= ON_TIME).count();
            String figures = "dead peers, direct: closed at " + ratios(p50) + " × PONG_WAIT (p50), p99 " + ratios(p99);
            return onTime == p99.size() ? Verdict.holds(figures)
                    : onTime == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
        });
    }

    static Verdict writeDeadlineCloses(RunResult run) {
        return withFigures(run, f -> {
            Predicate<Variant> trickle = caseStarts("slow").and(v -> !v.get("case").contains("MiB/s"));
            Map<String, Double> byDeadline = f.medians("by_write_wait_pct", trickle);
            if (byDeadline.isEmpty()) {
                return Verdict.notMeasured("no impl measured a slow consumer");
            }
            Map<String, Double> when = f.medians("close_p50_ratio", trickle);
            Map<String, Double> heap = f.medians("heap_peak_per_client_kib", trickle);
            long caught = byDeadline.values().stream().filter(p -> p >= 90).count();
            String figures = "clients that stopped reading, pushed to slower than MAX_QUEUED_BYTES fills: closed by"
                    + " WRITE_WAIT in " + percents(byDeadline) + " of cases, at " + ratios(when) + " × WRITE_WAIT"
                    + " (p50, the kernel's buffers fill first); server heap peak per slow client " + kib(heap)
                    + ". The queue limit alone would have held them until it filled";
            return caught == byDeadline.size() ? Verdict.holds(figures)
                    : caught == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
        });
    }

    private interface Judge {
        Verdict judge(Figures figures);
    }

    private static Verdict withFigures(RunResult run, Judge judge) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        return f.isEmpty() ? Verdict.notMeasured("the timeouts scenario was not run") : judge.judge(f.get());
    }

    private static Predicate<Variant> caseStarts(String prefix) {
        return v -> v.get("case") != null && v.get("case").startsWith(prefix);
    }

    private static Predicate<Variant> route(String route) {
        return v -> route.equals(v.get("route"));
    }

    private static String ratios(Map<String, Double> byImpl) {
        return join(byImpl, "×", "");
    }

    private static String percents(Map<String, Double> byImpl) {
        return join(byImpl, "", "%");
    }

    private static String kib(Map<String, Double> byImpl) {
        return join(byImpl, "", " KiB");
    }

    private static String join(Map<String, Double> byImpl, String prefix, String suffix) {
        return String.join(", ", byImpl.entrySet().stream()
                .map(e -> e.getKey() + " " + prefix + Format.number(e.getValue()) + suffix).toList());
    }
}
