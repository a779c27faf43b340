package io.wsbench.bench.scenario;

import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.load.AgentCommand;
import io.wsbench.bench.load.AgentReport;
import io.wsbench.bench.load.LoadAgent;
import io.wsbench.bench.load.LoadAgents;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One setup of the scale scenario held by the load agents: they open connections through nginx in steps
 * ({@link #growTo}), the servers say how the connections spread over the replicas, and one notification posted to
 * one replica is timed to every connection ({@link #broadcast}). Every agent holds an equal share and opens from its
 * own source address, 127.0.0.2, 127.0.0.3, ….
 */
final class ScaleClimb {
    /** Past the agents' own wait for outstanding handshakes ({@code LoadAgent.SETTLE}, 5 minutes). */
    private static final Duration OPEN_SLACK = Duration.ofMinutes(6);
    /**
     * A step may take this long whatever its schedule: in a try the step from 50,000 to 100,000 slowed from 1,487
     * to 267 opened/s past 50,000 and was cut at 90,000 by a 149 s wait, so the wait is generous and a count not
     * held within it fails on time.
     */
    static final Duration OPEN_BUDGET = Duration.ofMinutes(10);
    private static final Duration REGISTER_PATIENCE = Duration.ofSeconds(60);
    /** The server side counts as saturated above this share of its CPUs. */
    private static final double SATURATED = 0.9;

    private final SystemUnderTest sut;
    private final LoadAgents agents;
    private final URI uri;
    private final int[] held;
    private final List<String> failures = new ArrayList<>();
    private final int serverCpus;
    private long seq;
    /** CPUs the server side used during the last step, on average; NaN before the first. */
    private double lastStepCores = Double.NaN;

    /** @param serverCpus the CPUs the server side is pinned to (what "saturated" is measured against) */
    ScaleClimb(SystemUnderTest sut, LoadAgents agents, int serverCpus) {
        this.sut = sut;
        this.agents = agents;
        this.serverCpus = serverCpus;
        this.uri = sut.uri(Route.NGINX);
        this.held = new int[agents.size()];
    }

    /** What one step's opening did: connections held after it, and this step's attempts. */
    record Opening(int held, int opened, int failed, double seconds, Histogram connectNanos) {
        double openedPerSecond() {
            return seconds > 0 ? opened / seconds : 0;
        }

        /** This opening followed by {@code next} (a second attempt): held after both, attempts and times summed. */
        Opening then(Opening next) {
            Histogram connect = new Histogram(3);
            connect.add(connectNanos);
            connect.add(next.connectNanos);
            return new Opening(next.held, opened + next.opened, failed + next.failed, seconds + next.seconds, connect);
        }
    }

    /** What the broadcasts of one step did: every receipt's time, and how many receipts there should have been. */
    record Delivery(Histogram receiptNanos, long expected, long received) {
        double share() {
            return expected == 0 ? 1 : (double) received / expected;
        }
    }

    /** Opens connections until the agents hold {@code count} between them, at {@code perSecond} in all. */
    Opening growTo(int count, int perSecond) throws IOException {
        int m = agents.size();
        int[] missing = new int[m];
        int most = 0;
        for (int i = 0; i < m; i++) {
            missing[i] = Math.max(0, share(i, count) - held[i]);
            most = Math.max(most, missing[i]);
        }
        int each = Math.max(1, perSecond / m);
        // three times the schedule: a server side that opens at a third of the rate is slow, not stuck
        Duration schedule = Duration.ofSeconds(3L * most / each).plus(OPEN_SLACK);
        Duration patience = schedule.compareTo(OPEN_BUDGET) > 0 ? schedule : OPEN_BUDGET;
        double cpuBefore = ServerSideRss.cpuSeconds(sut.topology());
        long start = System.nanoTime();
        List<AgentReport> reports;
        try {
            reports = agents.ask(i -> AgentCommand.open(uri, missing[i], each, source(i)), patience);
        } finally {
            double wall = (System.nanoTime() - start) / 1e9;
            lastStepCores = (ServerSideRss.cpuSeconds(sut.topology()) - cpuBefore) / wall;
        }
        Histogram connect = new Histogram(3);
        int opened = 0;
        int failed = 0;
        double seconds = 0;
        for (int i = 0; i < m; i++) {
            AgentReport r = reports.get(i);
            held[i] = r.open();
            opened += r.opened();
            failed += r.failed();
            seconds = Math.max(seconds, r.seconds());
            connect.add(Histograms.decode(r.connectNanos()));
            if (r.firstFailure() != null) {
                failures.add("load agent " + (i + 1) + ": " + r.failed() + " failed, first: " + r.firstFailure());
            }
            if (r.closed() > 0) {
                failures.add("load agent " + (i + 1) + ": " + r.closed() + " closed after opening, first: "
                        + r.firstClose());
            }
        }
        return new Opening(held(), opened, failed, seconds, connect);
    }

    /**
     * What the replicas hold between them, for a failed step whose agents did not answer: their own count is then
     * unknown. The agents' count when the replicas cannot be asked.
     */
    int serverHeld() {
        try {
            return sut.topology().connectionsPerReplica().stream().mapToInt(Integer::intValue).sum();
        } catch (IOException | RuntimeException e) {
            return held();
        }
    }

    int held() {
        int sum = 0;
        for (int h : held) {
            sum += h;
        }
        return sum;
    }

    /**
     * Each replica's count of open connections, once they add up to what the agents hold (a replica registers a
     * connection a moment after the client saw its 101).
     */
    List<Integer> perReplica() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + REGISTER_PATIENCE.toNanos();
        List<Integer> counts = sut.topology().connectionsPerReplica();
        while (counts.stream().mapToInt(Integer::intValue).sum() != held() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            counts = sut.topology().connectionsPerReplica();
        }
        return counts;
    }

    /**
     * Posts {@code warmUp + count} notifications to the first replica's {@code /notify}, one after the other, each
     * waited for on every connection (at most {@code patience}); the receipts of the last {@code count} are kept.
     * With a broker the replica publishes each to the others, so every connection gets it whichever replica holds
     * it.
     */
    Delivery broadcast(int warmUp, int count, Duration patience) throws IOException {
        long expected = 0;
        long received = 0;
        for (int k = 0; k < warmUp + count; k++) {
            if (k == warmUp) {
                agents.ask(i -> AgentCommand.cut(), patience); // the warm-up's receipts are dropped
                expected = 0;
                received = 0;
            }
            long n = ++seq;
            sut.topology().replica(0).notify(LoadAgent.notification(n, System.nanoTime()));
            List<AgentReport> reports = agents.ask(i -> AgentCommand.await(n, patience), patience.plusSeconds(10));
            for (AgentReport r : reports) {
                expected += r.open();
                received += Math.min(r.received(), r.open());
            }
        }
        Histogram receipts = new Histogram(3);
        for (AgentReport r : agents.ask(i -> AgentCommand.cut(), patience)) {
            receipts.add(Histograms.decode(r.receiptNanos()));
        }
        return new Delivery(receipts, expected, received);
    }

    /**
     * What the processes said about connections that did not open or did not stay: the agents' first failures,
     * nginx's error log (its alerts name worker_connections and file limits), replicas that died.
     */
    String evidence() {
        List<String> lines = new ArrayList<>();
        if (lastStepCores >= SATURATED * serverCpus) {
            // first: a step that ran out of time on a saturated server CPU was stopped by the CPU
            lines.add(String.format(Locale.ROOT, "server CPU saturated: replicas + nginx + nats used %.2f"
                    + " of %d CPU(s) during the step", lastStepCores, serverCpus));
        }
        lines.addAll(failures);
        String dead = sut.deadServers();
        if (dead != null) {
            lines.add(dead);
        }
        lines.addAll(problems(sut.topology().nginx().errorLog()));
        return String.join("\n", lines);
    }

    /** The last few alerts and errors of nginx's error log (none when it cannot be read). */
    private static List<String> problems(Path errorLog) {
        try (var all = Files.lines(errorLog, StandardCharsets.UTF_8)) {
            List<String> bad = all.filter(l -> l.matches(".*\\[(emerg|alert|crit|error)\\].*")).toList();
            return bad.subList(Math.max(0, bad.size() - 5), bad.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private int share(int agent, int total) {
        return ScalePlan.share(agent, total, held.length);
    }

    private static String source(int agent) {
        return "127.0.0." + (2 + agent);
    }
}
