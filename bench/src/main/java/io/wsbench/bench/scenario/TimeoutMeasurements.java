package io.wsbench.bench.scenario;

import static io.wsbench.bench.scenario.TimeoutsScenario.BY_QUEUE;
import static io.wsbench.bench.scenario.TimeoutsScenario.BY_WRITE_WAIT;
import static io.wsbench.bench.scenario.TimeoutsScenario.CLOSE_CODE;
import static io.wsbench.bench.scenario.TimeoutsScenario.HEAP_PEAK;
import static io.wsbench.bench.scenario.TimeoutsScenario.PINGS;
import static io.wsbench.bench.scenario.TimeoutsScenario.PUSHED;
import static io.wsbench.bench.scenario.TimeoutsScenario.PUSH_RATE;
import static io.wsbench.bench.scenario.TimeoutsScenario.RSS_PEAK;
import static io.wsbench.bench.scenario.TimeoutsScenario.SLOW_COUNTED;
import static io.wsbench.bench.scenario.TimeoutsScenario.SURVIVED;

import io.wsbench.bench.Route;
import io.wsbench.bench.Stacks;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.MisbehavingPeer;
import io.wsbench.bench.load.MisbehavingPeers;
import io.wsbench.bench.load.MisbehavingPeers.Behaviour;
import io.wsbench.bench.load.BroadcastPush;
import io.wsbench.bench.load.ServerMetricsTrail;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.machine.ServerMemory;
import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeouts scenario's measurements against one started server: each opens its own misbehaving peers, waits
 * for what the limit should do to them, and turns what happened into figures. "Never closed within the wait" is
 * a figure ({@link TimeoutsScenario#NOT_CLOSED}), not a failure; only a measurement that could not be made
 * (a connect that failed, a server that died) throws.
 */
final class TimeoutMeasurements {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final long METRICS_PERIOD_MILLIS = 20;
    static final int WARM_UP_PEERS = 8;
    private static final String SLOW_CONSUMER_LOG = "slow consumer";

    /** One variant's measurement. */
    interface Measurement {
        Measured measure() throws Exception;
    }

    /** Figures and remarks for the table. */
    record Measured(Map<String, Double> values, List<String> notes) {
    }

    private final SystemUnderTest sut;
    /** The server's memory after a full GC with the first slow-consumer variant's peers connected, idle. */
    private ServerMemory slowBaseline;

    TimeoutMeasurements(SystemUnderTest sut) {
        this.sut = sut;
    }

    SystemUnderTest sut() {
        return sut;
    }

    /**
     * A few handshakes, direct and through nginx, before anything is timed: a fresh JVM's first upgrades load and
     * compile its whole HTTP path, and on a busy CPU that can take longer than the scaled proxy_read_timeout,
     * which bounds nginx's wait for the upgrade response (a 504). Nothing here is measured; failures are ignored
     * (the variants report their own).
     */
    void warmUp() {
        for (Route route : List.of(Route.DIRECT, Route.NGINX)) {
            try (MisbehavingPeers peers = MisbehavingPeers.open(sut.uri(route), WARM_UP_PEERS,
                    Behaviour.ANSWERS_PINGS, CONNECT_TIMEOUT)) {
                peers.peers();
            } catch (Exception e) {
                // the variants will meet the same problem and say so
            }
        }
    }

    /** Peers that never answer a ping: how long after its handshake each one is closed, against PONG_WAIT. */
    Measured deadPeers(Route route, int count) throws Exception {
        Duration limit = TimeoutsScenario.PONG_WAIT;
        try (MisbehavingPeers peers = MisbehavingPeers.open(sut.uri(route), count, Behaviour.SWALLOWS_PINGS,
                CONNECT_TIMEOUT)) {
            peers.awaitAllEnded(limit.multipliedBy(TimeoutsScenario.PATIENCE_FACTOR));
            return withRetries(closedPeers(peers.peers(), limit), peers);
        }
    }

    /** Live idle clients through nginx with server pings on: how many are still open after several timeouts. */
    Measured idleWithPings(int count) throws Exception {
        Duration span = TimeoutsScenario.PROXY_READ_TIMEOUT.multipliedBy(TimeoutsScenario.IDLE_PERIODS);
        try (MisbehavingPeers peers = MisbehavingPeers.open(sut.uri(Route.NGINX), count, Behaviour.ANSWERS_PINGS,
                CONNECT_TIMEOUT)) {
            Thread.sleep(span.toMillis());
            List<MisbehavingPeer> all = peers.peers();
            Map<String, Double> values = new LinkedHashMap<>();
            long open = all.stream().filter(p -> !p.hasEnded()).count();
            values.put(SURVIVED.key(), 100.0 * open / all.size());
            values.put(PINGS.key(), all.stream().mapToInt(MisbehavingPeer::pingsReceived).average().orElse(0));
            List<String> notes = new ArrayList<>();
            if (open < all.size()) {
                List<MisbehavingPeer> ended = all.stream().filter(MisbehavingPeer::hasEnded).toList();
                values.put(CLOSE_CODE.key(), (double) CloseFigures.mostCommon(ended, MisbehavingPeer::closeCode));
                notes.add((all.size() - open) + " of " + all.size() + " idle connections ended within "
                        + TimeoutsScenario.secs(span) + " in at least one repetition (close codes "
                        + ended.stream().map(p -> String.valueOf(p.closeCode())).distinct().sorted().toList() + ")");
            }
            return withRetries(new Measured(values, notes), peers);
        }
    }

    /** Live idle clients through nginx with server pings off: when nginx cuts them, against proxy_read_timeout. */
    Measured idleWithoutPings(int count) throws Exception {
        Duration limit = TimeoutsScenario.PROXY_READ_TIMEOUT;
        try (MisbehavingPeers peers = MisbehavingPeers.open(sut.uri(Route.NGINX), count, Behaviour.ANSWERS_PINGS,
                CONNECT_TIMEOUT)) {
            peers.awaitAllEnded(limit.multipliedBy(TimeoutsScenario.PATIENCE_FACTOR));
            return withRetries(closedPeers(peers.peers(), limit), peers);
        }
    }

    /**
     * Peers that stop reading while the server pushes {@code push} to them: when the server closes each (from
     * its /metrics), which limit its log says fired, and its memory over the idle baseline per slow client.
     * Against the server with pings off: these peers read no pings, so PONG_WAIT would otherwise race WRITE_WAIT.
     */
    Measured slowConsumers(int count, TimeoutsScenario.SlowPush push) throws Exception {
        Duration limit = TimeoutsScenario.WRITE_WAIT;
        ServerReplica replica = sut.topology().replica(0);
        awaitNoConnections(replica);
        try (MisbehavingPeers peers = MisbehavingPeers.open(sut.uri(Route.DIRECT), count, Behaviour.STOPS_READING,
                CONNECT_TIMEOUT);
             MisbehavingPeers sender = MisbehavingPeers.open(sut.uri(Route.DIRECT), 1, Behaviour.ANSWERS_PINGS,
                     CONNECT_TIMEOUT)) {
            if (slowBaseline == null) {
                // one full GC per server: a jcmd JVM start costs more than a variant; the next variant opens as
                // many slow consumers again, after these are closed
                slowBaseline = Stacks.isReference(replica.config().impl()) ? ServerMemory.rssOnly(replica)
                        : ServerMemory.afterGc(replica);
            }
            ServerMemory baseline = slowBaseline;
            List<String> logBefore = slowConsumerLines(replica);
            ServerMetricsTrail trail = ServerMetricsTrail.start(replica, METRICS_PERIOD_MILLIS);
            ResourceSampler sampler = sut.sample();
            BroadcastPush pusher = BroadcastPush.start(sender.peers().get(0), push.size(), push.period());
            long until = System.nanoTime() + limit.multipliedBy(TimeoutsScenario.PATIENCE_FACTOR).toNanos();
            try {
                // the sender stays: it is the one connection left when every slow consumer is closed
                while (trail.active() > 1 && System.nanoTime() < until && trail.problem() == null) {
                    Thread.sleep(METRICS_PERIOD_MILLIS);
                }
            } finally {
                pusher.close();
                trail.close();
            }
            Map<String, ProcessUsage> usage = sampler.stop();
            if (trail.problem() != null) {
                throw new IOException(trail.problem());
            }
            if (sender.stillOpen() == 0) {
                throw new IOException("the sender's own connection was closed: it, not the slow consumers, was slow");
            }
            List<Long> closes = trail.closeTimesSince(pusher.startNanos());
            closes = closes.subList(0, Math.min(count, closes.size()));
            Map<String, Double> values = CloseFigures.of(closes, count, limit);
            if (!closes.isEmpty()) {
                values.put(PUSHED.key(), pusher.bytesWithin(CloseFigures.percentile(sorted(closes), 50)) / 1024);
            }
            values.put(PUSH_RATE.key(), pusher.bytesPerSecond() / 1024);
            List<String> notes = new ArrayList<>();
            List<String> logAfter = slowConsumerLines(replica);
            if (logBefore != null && logAfter != null) {
                List<String> lines = logAfter.subList(Math.min(logBefore.size(), logAfter.size()), logAfter.size());
                long byWriteWait = lines.stream().filter(l -> l.contains("WRITE_WAIT")).count();
                values.put(BY_WRITE_WAIT.key(), 100.0 * byWriteWait / count);
                values.put(BY_QUEUE.key(), 100.0 * (lines.size() - byWriteWait) / count);
            } else {
                notes.add("the server log could not be read in at least one repetition: which limit fired is missing");
            }
            values.put(SLOW_COUNTED.key(), 100.0 * trail.increase(ServerMetricsTrail.SLOW_CONSUMER_CLOSES) / count);
            Map<Integer, Integer> codes = trail.closesByCode();
            codes.entrySet().stream().max(Map.Entry.comparingByValue())
                    .ifPresent(e -> values.put(CLOSE_CODE.key(), (double) e.getKey()));
            if (baseline.heapUsedBytes() > 0) { // a reference server is no JVM: its heap is not read
                values.put(HEAP_PEAK.key(), (trail.max(ServerMetricsTrail.HEAP_USED) - baseline.heapUsedBytes())
                        / count / 1024);
            }
            ProcessUsage server = usage.get("server");
            if (server != null) {
                values.put(RSS_PEAK.key(), (server.rssMaxBytes() - baseline.rssBytes()) / (double) count / 1024);
            }
            if (codes.size() > 1) {
                notes.add("server-side close codes " + codes + " (code=count) in at least one repetition");
            }
            return new Measured(values, notes);
        }
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    /** Says so when nginx answered some opening handshakes with 504 (they were tried again). */
    private static Measured withRetries(Measured m, MisbehavingPeers peers) {
        if (peers.gatewayTimeouts() == 0) {
            return m;
        }
        List<String> notes = new ArrayList<>(m.notes());
        notes.add("nginx answered some opening handshakes with 504 (the server missed the scaled"
                + " proxy_read_timeout for its upgrade response); they were tried again");
        return new Measured(m.values(), notes);
    }

    /** Figures from the peers' own view of their close: lifetimes, close code. */
    private static Measured closedPeers(List<MisbehavingPeer> peers, Duration limit) {
        List<MisbehavingPeer> ended = peers.stream().filter(MisbehavingPeer::hasEnded).toList();
        Map<String, Double> values = CloseFigures.of(ended.stream().map(MisbehavingPeer::lifetimeNanos).toList(),
                peers.size(), limit);
        List<String> notes = new ArrayList<>();
        if (!ended.isEmpty()) {
            values.put(CLOSE_CODE.key(), (double) CloseFigures.mostCommon(ended, MisbehavingPeer::closeCode));
            long codes = ended.stream().map(MisbehavingPeer::closeCode).distinct().count();
            if (codes > 1) {
                notes.add("peers saw " + codes + " different close codes in at least one repetition");
            }
        }
        if (ended.size() < peers.size()) {
            notes.add((peers.size() - ended.size()) + " of " + peers.size() + " connections were still open after "
                    + TimeoutsScenario.PATIENCE_FACTOR + " × the limit in at least one repetition");
        }
        return new Measured(values, notes);
    }

    /** The slow-consumer variants count closes from the open-connection count: start from none. */
    private static void awaitNoConnections(ServerReplica replica) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (replica.connectionsActive() > 0) {
            if (System.nanoTime() > until) {
                throw new IOException(replica.connectionsActive() + " connections still open on the server from"
                        + " the variant before");
            }
            Thread.sleep(METRICS_PERIOD_MILLIS);
        }
    }

    /**
     * The server's "closing slow consumer …: why" log lines, which name the limit that fired; null when the log
     * cannot be read (read as Latin-1 so no byte can make it fail).
     */
    private static List<String> slowConsumerLines(ServerReplica replica) {
        try {
            return Files.readAllLines(replica.log(), StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.contains(SLOW_CONSUMER_LOG)).toList();
        } catch (IOException e) {
            return null;
        }
    }
}
