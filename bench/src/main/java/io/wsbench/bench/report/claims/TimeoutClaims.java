package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.scenario.TimeoutsScenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notes' ping/pong, proxy timeout and write-deadline rules, judged from the timeouts scenario (durations
 * scaled down; its figures are ratios to the configured limit, so they carry over to production values).
 */
final class TimeoutClaims {
    static final Threshold ON_TIME = Threshold.factor("on time", 1.2,
            "a close this late after its limit still counts as at the limit: scheduling, one ping period");
    static final Threshold NOT_EARLY = Threshold.factor("not early", 0.8,
            "nginx's cut of an idle tunnel counts as at proxy_read_timeout from this share of it on");
    static final Threshold SURVIVED = Threshold.percent("kept open", 100,
            "idle tunnels with pings count as kept open when this share of them outlived the timeouts");
    static final Threshold CAUGHT = Threshold.percent("caught by WRITE_WAIT", 90,
            "the write deadline counts as closing a slow consumer when it closed at least this share of them");

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

    static List<Threshold> thresholds() {
        return List.of(ON_TIME, NOT_EARLY, SURVIVED, CAUGHT);
    }

    static Verdict nginxCutsIdle(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> p50 = f.medians(TimeoutsScenario.CLOSE_P50, TimeoutsScenario.IDLE_NO_PINGS);
            if (p50.isEmpty()) {
                return Verdict.notMeasured("no impl measured idle tunnels without pings");
            }
            Map<String, Double> max = f.medians(TimeoutsScenario.CLOSE_MAX, TimeoutsScenario.IDLE_NO_PINGS);
            long atLimit = p50.values().stream().filter(r -> r >= NOT_EARLY.value() && r <= ON_TIME.value()).count();
            String figures = "idle tunnels, no pings, through nginx: cut at " + ratios(p50) + " × proxy_read_timeout"
                    + " (p50; max " + ratios(max) + ")";
            return Verdict.byCount(atLimit, p50.size(), figures);
        });
    }

    static Verdict readTimeoutAbovePongWait(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> survived = f.medians(TimeoutsScenario.SURVIVED, TimeoutsScenario.IDLE_PINGS);
            if (survived.isEmpty()) {
                return Verdict.notMeasured("no impl measured idle tunnels with pings");
            }
            Map<String, Double> deadViaNginx = f.medians(TimeoutsScenario.CLOSE_P50,
                    TimeoutsScenario.DEAD_NGINX);
            long all = survived.values().stream().filter(p -> p >= SURVIVED.value()).count();
            String figures = "PONG_WAIT above proxy_read_timeout, PING_PERIOD below it (scaled values in the timeouts"
                    + " section): idle connections through nginx still open after several timeouts: " + percents(survived)
                    + (deadViaNginx.isEmpty() ? "" : "; dead peers through nginx closed by the server at "
                    + ratios(deadViaNginx) + " × PONG_WAIT (p50), not by nginx")
                    + ". What keeps a tunnel open is PING_PERIOD < proxy_read_timeout: pings are data to nginx";
            // The claim is that nginx kills them: every connection kept open refutes it.
            return Verdict.byCount(survived.size() - all, survived.size(), figures);
        });
    }

    static Verdict deadPeerAtPongWait(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> p99 = f.medians(TimeoutsScenario.CLOSE_P99, TimeoutsScenario.DEAD_DIRECT);
            if (p99.isEmpty()) {
                return Verdict.notMeasured("no impl measured dead peers");
            }
            Map<String, Double> p50 = f.medians(TimeoutsScenario.CLOSE_P50, TimeoutsScenario.DEAD_DIRECT);
            long onTime = p99.values().stream().filter(r -> r <= ON_TIME.value()).count();
            String figures = "dead peers, direct: closed at " + ratios(p50) + " × PONG_WAIT (p50), p99 " + ratios(p99);
            return Verdict.byCount(onTime, p99.size(), figures);
        });
    }

    static Verdict writeDeadlineCloses(RunResult run) {
        return withFigures(run, f -> {
            Map<String, Double> byDeadline = f.medians(TimeoutsScenario.BY_WRITE_WAIT, TimeoutsScenario.SLOW_TRICKLE);
            if (byDeadline.isEmpty()) {
                return Verdict.notMeasured("no impl measured a slow consumer");
            }
            Map<String, Double> when = f.medians(TimeoutsScenario.CLOSE_P50, TimeoutsScenario.SLOW_TRICKLE);
            Map<String, Double> heap = f.medians(TimeoutsScenario.HEAP_PEAK, TimeoutsScenario.SLOW_TRICKLE);
            long caught = byDeadline.values().stream().filter(p -> p >= CAUGHT.value()).count();
            String figures = "clients that stopped reading, pushed to slower than MAX_QUEUED_BYTES fills: closed by"
                    + " WRITE_WAIT in " + percents(byDeadline) + " of cases, at " + ratios(when) + " × WRITE_WAIT"
                    + " (p50, the kernel's buffers fill first); server heap peak per slow client " + kib(heap)
                    + ". The queue limit alone would have held them until it filled";
            return Verdict.byCount(caught, byDeadline.size(), figures);
        });
    }

    private interface Judge {
        Verdict judge(Figures figures);
    }

    private static Verdict withFigures(RunResult run, Judge judge) {
        Optional<Figures> f = Figures.of(run, TimeoutsScenario.NAME);
        return f.isEmpty() ? Verdict.notMeasured("the timeouts scenario was not run") : judge.judge(f.get());
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
