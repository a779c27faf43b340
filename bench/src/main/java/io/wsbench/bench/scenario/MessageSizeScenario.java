package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.LargeMessage;
import io.wsbench.bench.load.MessageEcho;
import io.wsbench.bench.load.MessageEcho.Outcome;
import io.wsbench.bench.machine.MemoryPeak;
import io.wsbench.bench.chart.BarChartByDimension;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Message size (SPEC §4 "message size"): the largest message each impl echoes at the default READ_LIMIT and what
 * it does one byte above it (1009 expected), then, with READ_LIMIT raised to 50 MiB, whether 1, 10 and 50 MiB text
 * and binary messages come back intact, straight and through nginx, how long the round trip takes and what each
 * costs the server's memory. Answers the design notes' "text ≤ 1–5 MB, binary ≤ 10–50 MB, nginx cuts at 1 MB".
 */
public final class MessageSizeScenario implements Scenario {
    /** The name in results.json, and what the design claims look the results up by. */
    public static final String NAME = "message-size";
    static final String LIMIT = "READ_LIMIT";
    static final String MESSAGE = "message";
    static final String SIZE = "size";

    public static final int MIB = 1024 * 1024;
    /** SPEC §3's 65536; the bench does not change it, and {@link #run} checks the server got it. */
    public static final int DEFAULT_LIMIT = ServerConfig.defaults().readLimit();
    public static final int RAISED_LIMIT = 50 * MIB;
    public static final String DEFAULT_LABEL = "default " + Format.bytes(DEFAULT_LIMIT);
    public static final String RAISED_LABEL = "raised to " + Format.bytes(RAISED_LIMIT);
    public static final List<Route> ROUTES = List.of(Route.DIRECT, Route.NGINX);
    public static final List<Boolean> TEXT_THEN_BINARY = List.of(true, false);

    /** How long one message may take to come back (or the connection to end) on a busy 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** RSS this often (the heap 5 times less often): enough to catch the peak of an echo of a tenth of a second. */
    static final Duration MEMORY_PERIOD = Duration.ofMillis(20);
    private static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"}";

    public static final Metric ROUND_TRIP = Metric.lower("round_trip_ms", "round trip", "ms");
    public static final Metric CLOSE_CODE = Metric.closeCode("close_code", "closed with");
    public static final Metric INTACT = Metric.context("intact_pct", "intact", "% of echoes");
    static final Metric SERVER_RSS = Metric.context("server_rss_max_mib", "server RSS max", "MiB");
    public static final Metric RSS_GROWTH = Metric.context("server_rss_growth_mib", "server RSS growth", "MiB");
    public static final Metric HEAP_GROWTH = Metric.context("server_heap_growth_mib", "server heap growth", "MiB");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Message size: at the default READ_LIMIT (64 KiB) a text and a binary message of exactly the limit"
                + " is echoed, then one of the limit + 1 B is sent (the close code that ends the connection is the"
                + " figure, 1009 expected); then, in a server with READ_LIMIT raised to 50 MiB (and MAX_QUEUED_BYTES"
                + " to 100 MiB, else the 50 MiB echo itself is a slow consumer), random printable text and random"
                + " binary of 1, 10 and 50 MiB (smoke: 256 KiB and 1 MiB), straight and through nginx (the bench's"
                + " nginx.conf: client_max_body_size 1m). Each size goes over one connection, echoed 3 times per"
                + " repetition up to 1 MiB and once above (quick; full 5 and 3); every reply is compared byte for"
                + " byte with what was sent. Round trip: the median of a repetition's echoes, from the send to the"
                + " whole reply in the listener. Server RSS (every 20 ms) and Java heap in use (every 100 ms, from"
                + " /metrics, no GC forced) are polled during a size's echoes; growth is over their value before"
                + " it. Load client: the run's -Dbench.client through the client SPI (default Netty, which takes"
                + " up to 64 MiB). One server JVM (-Xmx1g) per limit and repetition serves every size; one that"
                + " dies or runs out of memory is a failed (not held) cell and is restarted for the sizes after it."
                + " Each fresh JVM first echoes 64 KiB text and binary 10 times (quick), unrecorded. It lies about"
                + " latency under load (one message at a time on an idle connection), and a size's first echo may"
                + " still run code the JIT has not compiled yet.";
    }

    /**
     * The headline is what SPEC §4 asks of this scenario, behaviour: the share of echoes that came back intact,
     * with the close code beside it. The round trip of one message on an idle connection was the headline until
     * two back-to-back quick runs disagreed on 14 of its 48 cells, 13 of them run B slower throughout: a shift of
     * the machine, not of the libraries, in a figure the description already says lies about latency.
     */
    @Override
    public List<Metric> metrics() {
        return List.of(INTACT, CLOSE_CODE, ROUND_TRIP, SERVER_RSS, RSS_GROWTH, HEAP_GROWTH);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (Route route : ROUTES) {
            for (boolean text : TEXT_THEN_BINARY) {
                all.add(variant(DEFAULT_LABEL, text, route, DEFAULT_LIMIT));
                all.add(variant(DEFAULT_LABEL, text, route, DEFAULT_LIMIT + 1));
            }
        }
        for (Route route : ROUTES) {
            for (boolean text : TEXT_THEN_BINARY) {
                for (int size : sizes(profile)) {
                    all.add(variant(RAISED_LABEL, text, route, size));
                }
            }
        }
        return all;
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(new BarChartByDimension("round-trip", ROUND_TRIP.key(), SIZE, MESSAGE));
    }

    /** The sizes sent with the raised limit: smoke stays small, so it proves the path in seconds. */
    public static List<Integer> sizes(Profile profile) {
        // 1 MiB is nginx's client_max_body_size, 50 MiB the design notes' largest; quick stops at 10 MiB (a 50 MiB
        // text echo alone took 4-5 s: issue 13's 20-minute budget), already past the notes' 1-5 MB for text
        return profile.pick(List.of(256 * 1024, MIB), List.of(MIB, 10 * MIB),
                List.of(MIB, 10 * MIB, 50 * MIB));
    }

    /**
     * How many times a size is echoed per repetition; the repetition's figure is their median. Above 1 MiB once
     * in smoke and quick: a 50 MiB echo takes seconds on a busy 2-core machine, and the three repetitions (three
     * JVMs) still give a median with its spread.
     */
    static int echoes(Profile profile, int size) {
        return size > MIB ? profile.pick(1, 1, 3) : profile.pick(2, 3, 5);
    }

    @Override
    public String method(Profile profile) {
        return "per repetition two fresh server JVMs started together, one at the default READ_LIMIT and one"
                + " raised; each warmed up with 64 KiB text and binary echoes, then every probe once, each size"
                + " echoed " + echoes(profile, MIB) + " times up to 1 MiB and " + echoes(profile, 2 * MIB)
                + " above";
    }

    /** Its figures are behaviour (close codes, intact or not), not a ranking: the profile's repetitions suffice. */
    @Override
    public boolean adaptive() {
        return false;
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Map<String, LargeMessage> messages = new HashMap<>();
        TopologyConfig base = run.topology();
        TopologyConfig raised = base.withServer(base.server().withReadLimit(RAISED_LIMIT)
                .withMaxQueuedBytes(2L * RAISED_LIMIT));
        // Both server JVMs start at once (a start is most of this scenario's time), and both are up before
        // anything is measured, so neither start's CPU falls on a measured echo.
        List<SystemUnderTest> both = run.startAll(List.of(base, raised));
        SystemUnderTest raisedSut = both.get(1);
        try (SystemUnderTest sut = both.get(0)) {
            warmUp(run, sut, messages);
            atDefaultLimit(run, sut, rep, messages);
        } catch (Exception e) {
            raisedSut.close();
            throw e;
        }
        atRaisedLimit(run, raisedSut, raised, rep, messages);
    }


    /**
     * A fresh JVM interprets at first, and the first size measured would pay for it: echo a few messages of the
     * default limit, text and binary, straight to it before anything is recorded.
     */
    private static void warmUp(ScenarioRun run, SystemUnderTest sut, Map<String, LargeMessage> messages)
            throws Exception {
        int count = run.profile().pick(5, 10, 30);
        try (WsClient client = run.client(sut, Route.DIRECT);
             MessageEcho echo = MessageEcho.open(client, sut.uri(Route.DIRECT))) {
            for (int i = 0; i < count; i++) {
                for (boolean text : TEXT_THEN_BINARY) {
                    Outcome o = echo.echo(message(messages, text, DEFAULT_LIMIT), PATIENCE);
                    if (!o.intact()) {
                        throw new IOException("warm-up echo of " + Format.bytes(DEFAULT_LIMIT) + ": " + o.describe());
                    }
                }
            }
        }
    }

    /** READ_LIMIT and READ_LIMIT + 1 on each route and frame type, one connection each (the second closes it). */
    private void atDefaultLimit(ScenarioRun run, SystemUnderTest sut, int rep, Map<String, LargeMessage> messages)
            throws Exception {
        int limit = sut.topology().config().server().readLimit();
        if (limit != DEFAULT_LIMIT) {
            throw new IllegalStateException("the bench's server runs with READ_LIMIT " + limit
                    + ", not SPEC §3's " + DEFAULT_LIMIT);
        }
        try (WsClient client = run.client(sut, Route.DIRECT)) {
            for (Route route : ROUTES) {
                for (boolean text : TEXT_THEN_BINARY) {
                    try (Line line = new Line(client, sut, route)) {
                        measure(run, sut, line, variant(DEFAULT_LABEL, text, route, limit),
                                message(messages, text, limit), echoes(run.profile(), limit), rep);
                        measure(run, sut, line, variant(DEFAULT_LABEL, text, route, limit + 1),
                                message(messages, text, limit + 1), 1, rep);
                    }
                }
            }
        }
    }

    /**
     * Every size on each route and frame type in one server JVM ({@code first}), restarted only when one did not
     * survive a size. Closes the server(s) it ran.
     */
    private void atRaisedLimit(ScenarioRun run, SystemUnderTest first, TopologyConfig config, int rep,
                               Map<String, LargeMessage> messages) throws Exception {
        SystemUnderTest sut = first;
        try (WsClient client = run.client(sut, Route.DIRECT)) {
            warmUp(run, sut, messages);
            for (Route route : ROUTES) {
                for (boolean text : TEXT_THEN_BINARY) {
                    Line line = new Line(client, sut, route);
                    try {
                        for (int size : sizes(run.profile())) {
                            boolean held = measure(run, sut, line, variant(RAISED_LABEL, text, route, size),
                                    message(messages, text, size), echoes(run.profile(), size), rep);
                            if (!held) {
                                line.close();
                                sut.close();
                                sut = run.start(config);
                                line = new Line(client, sut, route);
                            }
                        }
                    } finally {
                        line.close();
                    }
                }
            }
        } finally {
            sut.close();
        }
    }

    /**
     * Echoes {@code message} {@code count} times (fewer when it does not come back) and records what happened.
     *
     * @return false when the server did not hold: its JVM died or ran out of memory, and needs a restart
     */
    private static boolean measure(ScenarioRun run, SystemUnderTest sut, Line line, Variant variant,
                                   LargeMessage message, int count, int rep) throws Exception {
        if (run.skip(variant)) {
            return true;
        }
        ServerReplica server = sut.topology().replica(0);
        List<Long> roundTrips = new ArrayList<>();
        Outcome last = null;
        MemoryPeak.Peak peak = null;
        try {
            MemoryPeak watch = MemoryPeak.start(server.pid(), () -> heapUsed(server), MEMORY_PERIOD);
            try {
                for (int i = 0; i < count; i++) {
                    last = line.echo().echo(message, PATIENCE);
                    if (!last.intact()) {
                        break;
                    }
                    roundTrips.add(last.roundTripNanos());
                }
            } finally {
                peak = watch.stop();
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String dead = notHeld(sut);
            run.fail(variant, dead != null ? dead : sut.whyFailed(e));
            return dead == null;
        }
        String dead = notHeld(sut);
        if (dead != null) {
            run.fail(variant, dead + (last == null ? "" : "; the client saw: " + last.describe()));
            return false;
        }
        if (last.kind() == MessageEcho.Kind.SILENT) {
            run.fail(variant, last.describe());
            return true;
        }
        run.record(variant, rep, values(roundTrips, last, peak));
        if (!last.intact()) {
            run.note(variant, last.describe());
        }
        return true;
    }

    private static Map<String, Double> values(List<Long> roundTrips, Outcome last, MemoryPeak.Peak peak) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (!roundTrips.isEmpty()) {
            values.put(ROUND_TRIP.key(), medianNanos(roundTrips) / 1e6);
        }
        if (last.kind() == MessageEcho.Kind.CLOSED) {
            values.put(CLOSE_CODE.key(), (double) last.closeCode());
        }
        values.put(INTACT.key(), 100.0 * roundTrips.size() / (roundTrips.size() + (last.intact() ? 0 : 1)));
        values.put(SERVER_RSS.key(), peak.rssMaxBytes() / (double) MIB);
        values.put(RSS_GROWTH.key(), peak.rssGrowthBytes() / (double) MIB);
        if (peak.hasHeap()) {
            values.put(HEAP_GROWTH.key(), peak.heapGrowthBytes() / (double) MIB);
        }
        return values;
    }

    /** The median of a few round trips (the lower middle one for an even count: no averaging of latencies). */
    static long medianNanos(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Null while the server holds; else that its JVM died or ran out of heap, from its log. */
    static String notHeld(SystemUnderTest sut) {
        for (ServerReplica replica : sut.topology().replicas()) {
            boolean oom = logMentionsOutOfMemory(replica);
            if (!replica.isAlive()) {
                return "not held: the server JVM exited" + (oom ? " with an OutOfMemoryError" : "")
                        + "; see " + replica.log();
            }
            if (oom) {
                String heap = sut.topology().config().jvm().flags().stream().filter(f -> f.startsWith("-Xmx"))
                        .findFirst().orElse("default heap");
                return "not held: OutOfMemoryError in the server JVM (" + heap + "); see " + replica.log();
            }
        }
        return null;
    }

    private static boolean logMentionsOutOfMemory(ServerReplica replica) {
        try {
            return Files.exists(replica.log()) && Files.readString(replica.log()).contains("OutOfMemoryError");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long heapUsed(ServerReplica server) throws IOException {
        double used = server.metrics().get(HEAP_USED);
        if (used <= 0) {
            throw new IOException(server.name() + " reports no " + HEAP_USED);
        }
        return (long) used;
    }

    /**
     * A message per size and type, built once and sent on both routes and in every repetition: building 50 MiB of
     * random content takes about as long as echoing it, and the server keeps nothing between messages to cache.
     */
    private static LargeMessage message(Map<String, LargeMessage> messages, boolean text, int size) {
        long seed = 31L * size + (text ? 1 : 2);
        return messages.computeIfAbsent((text ? "text " : "binary ") + size,
                k -> text ? LargeMessage.text(size, seed) : LargeMessage.binary(size, seed));
    }

    public static Variant variant(String limit, boolean text, Route route, int size) {
        return Variant.of(LIMIT, limit, MESSAGE, (text ? "text " : "binary ") + route.label(), SIZE, sizeLabel(size));
    }

    /** {@code 1 MiB}; one byte over a round size reads {@code 64 KiB + 1 B}. */
    static String sizeLabel(int size) {
        String exact = Format.bytes(size);
        return exact.endsWith(" B") && size > 1024 && (size - 1) % 1024 == 0
                ? Format.bytes(size - 1) + " + 1 B" : exact;
    }

    /** One connection to the server on one route, opened again when the last message ended it. */
    private static final class Line implements AutoCloseable {
        private final WsClient client;
        private final SystemUnderTest sut;
        private final Route route;
        private MessageEcho echo;

        Line(WsClient client, SystemUnderTest sut, Route route) {
            this.client = client;
            this.sut = sut;
            this.route = route;
        }

        MessageEcho echo() throws IOException, InterruptedException {
            if (echo == null || !echo.isOpen()) {
                close();
                echo = MessageEcho.open(client, sut.uri(route));
            }
            return echo;
        }

        @Override
        public void close() {
            if (echo != null) {
                echo.close();
                echo = null;
            }
        }
    }
}
