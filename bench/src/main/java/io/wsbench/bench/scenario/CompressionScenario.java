package io.wsbench.bench.scenario;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Stacks;
import io.wsbench.bench.Reasons;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.EchoLoad;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.load.IdleConnections;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ConnectionRoom;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.chart.ScatterByImpl;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.Feature;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WireBytes;
import io.wsbench.core.client.WsClient;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * permessage-deflate on JSON notifications (SPEC §4 "compression", issue 5): for each message size and server
 * compression level (off, 1, 6, 9), a closed echo loop of realistic, ever-varying JSON through one server JVM
 * started with that level, measuring the bytes the client's sockets really carry per message, the server's CPU
 * per 1,000 round trips and the round trips per second; and at level 6, what a connection that has carried one
 * message costs the server in memory at N connections, with deflate context takeover on and off.
 */
public final class CompressionScenario implements Scenario {
    /** The only client that counts socket bytes and can offer no context takeover. */
    static final String LOAD_CLIENT = "netty";
    /** The name in results.json, and what the design claims look the results up by. */
    public static final String NAME = "compression";
    /** Fixed, so every run and every impl sends the very same messages. */
    static final long SEED = 20_261_129L;
    /** Compression levels; 0 is COMPRESSION=off. */
    static final List<Integer> LEVELS = List.of(0, 1, 6, 9);
    /**
     * Smoke only proves the path (deflate echo and the memory part, the off path is echo's): each level is a
     * server JVM start per repetition, seconds each on a busy machine.
     */
    static final List<Integer> SMOKE_LEVELS = List.of(6);
    static final List<Integer> QUICK_LEVELS = List.of(0, 6);
    /** The level the memory part runs at (zlib's default). */
    static final int MEMORY_LEVEL = 6;
    /** The message each connection of the memory part sends once. */
    static final int MEMORY_MESSAGE = 2 * 1024;

    public static final String PAYLOAD = "payload";
    public static final String LEVEL = "level";

    public static final Metric RATIO_DOWN = Metric.higher("ratio_down", "ratio server→client", "×");
    static final Metric WIRE_DOWN = Metric.lower("wire_down_bytes", "wire/msg server→client", "bytes");
    static final Metric PAYLOAD_BYTES = Metric.context("payload_bytes", "JSON/msg", "bytes");
    public static final Metric CPU_PER_1K = Metric.lower("server_cpu_ms_per_1k", "server CPU per 1k msgs", "ms");
    static final Metric THROUGHPUT = Metric.higher("msgs_per_s", "throughput", "msgs/s");
    static final Metric WIRE_UP = Metric.context("wire_up_bytes", "wire/msg client→server", "bytes");
    static final Metric RATIO_UP = Metric.context("ratio_up", "ratio client→server", "×");
    static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU", "cores");
    static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU", "cores");
    /** Connections opened and dropped in the memory JVM before its baseline, as capacity's warm-up. */
    static final int MEMORY_WARM_UP = 200;
    static final Metric OPENED = Metric.context("opened", "connections", "conns");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "permessage-deflate on JSON notifications (io.wsbench.bench.payload.JsonNotifications, fixed seed:"
                + " every message differs in ids, times, names and items, the keys repeat as a real feed's do) of"
                + " about 200 B, 2 KiB and 20 KiB (quick: the first two). Per level (COMPRESSION=off,"
                + " COMPRESSION_LEVEL 1, 6, 9; quick: off and 6, levels 1 and 9 are measured alone by deflate-jmh;"
                + " smoke: 6 only) a fresh server JVM per repetition (the levels' JVMs start together and are"
                + " measured one after another, the waiting ones idle) and a closed echo loop over C connections from the Netty"
                + " client, which offers a bare"
                + " permessage-deflate (context takeover on) and deflates its own messages at level 6: the server"
                + " echoes each text unchanged, so it inflates every message it gets and deflates every message it"
                + " sends, and \"server CPU per 1k msgs\" is both for 1,000 round trips. Wire bytes are counted at the"
                + " client's sockets (a Netty handler at the head of each pipeline: frame headers and deflated"
                + " payload, no TCP/IP headers) over the whole loop of a size, from the first send to the last echo,"
                + " so every byte belongs to a counted message; ratio = JSON bytes (UTF-8) / wire bytes per message,"
                + " server→client being the server's level at work, client→server the client's fixed level 6."
                + " Memory: at level 6, in a JVM of its own started with the others, warmed up by "
                + MEMORY_WARM_UP + " connections, N connections each exchange " + ConnectionMemory.BUSY_EXCHANGES
                + " messages of about 2 KiB (as capacity's busy rows), with the offer asking for context takeover (on)"
                + " or for server_ and client_no_context_takeover (off); " + MemoryPerConnection.EXPLAINED + ". It lies when the loop is short (small windows on a busy"
                + " machine: see the spread), and deflate at level 6 on the client side costs load CPU that a"
                + " browser would spend instead; Java-WebSocket sends messages under 1 KiB uncompressed (its"
                + " extension's threshold) and never keeps its server context.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RATIO_DOWN, WIRE_DOWN, PAYLOAD_BYTES, CPU_PER_1K, THROUGHPUT, WIRE_UP, RATIO_UP, SERVER_CPU,
                LOAD_CPU, MemoryPerConnection.FOOTPRINT, MemoryPerConnection.LIVE_SET, MemoryPerConnection.HEAP,
                MemoryPerConnection.NATIVE, OPENED);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (int size : sizes(profile)) {
            for (int level : levels(profile)) {
                all.add(echoVariant(size, level));
            }
        }
        all.addAll(memoryVariants(profile));
        return all;
    }

    /** Compression ratio against server CPU per 1k messages, a point per level, one chart per size. */
    @Override
    public List<ChartSpec> charts() {
        return List.of(new ScatterByImpl("ratio-vs-cpu", CPU_PER_1K.key(), RATIO_DOWN.key(), PAYLOAD, LEVEL));
    }

    @Override
    public String method(Profile profile) {
        return "per repetition one fresh server JVM per level, all started together, each " + JitQuiet.of(profile)
                .describe() + ", every size in turn; then the sizes (in an order rotated each repetition) warm up"
                + " until " + EchoScenario.steady(profile.steadyState().withCap(warmUp(profile))) + ", then "
                + measureTime(profile).toMillis() + " ms measured" + (memoryVariants(profile).isEmpty()
                ? " (quick leaves the memory rows to capacity's busy rows)"
                : "; the memory rows in a level-" + MEMORY_LEVEL + " JVM of their own, started as a user would");
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Profile profile = run.profile();
        Map<Integer, List<String>> messages = messages();
        Map<Feature, String> unsupported = Stacks.unsupported(run.impl());
        declareUnsupported(run, unsupported);
        List<Integer> levels = levels(profile).stream()
                .filter(level -> !variantsOf(profile, level).stream().allMatch(run::skip)).toList();
        List<Variant> memoryVariants = memoryVariants(profile);
        boolean memory = !memoryVariants.isEmpty() && !memoryVariants.stream().allMatch(run::skip);
        List<TopologyConfig> configs = new ArrayList<>(levels.stream().map(level -> serverConfig(run, level)).toList());
        if (memory) {
            configs.add(memoryServerConfig(run));
        }
        // one JVM per level and one for memory, all started at once: sequential starts were most of the time
        run.measureEach(configs, (i, sut) -> {
            if (i == levels.size()) {
                measureMemory(run, sut, rep, messages.get(MEMORY_MESSAGE), unsupported);
            } else {
                measureEcho(run, sut, levels.get(i), rep, messages);
            }
            sut.killServers(); // its figures are taken; the next JVM is waiting
        }, (i, e) -> (i == levels.size() ? memoryVariants : variantsOf(profile, levels.get(i)))
                .forEach(v -> run.fail(v, Reasons.of(e))));
    }

    /**
     * The messages of each size: enough that no connection sees one twice within deflate's 32 KiB window. Built
     * once per JVM (seconds of Jackson on a busy machine) and shared by every impl.
     */
    static Map<Integer, List<String>> messages() {
        return Messages.BY_SIZE;
    }

    private static final class Messages {
        static final Map<Integer, List<String>> BY_SIZE = build();
    }

    private static Map<Integer, List<String>> build() {
        Map<Integer, List<String>> bySize = new LinkedHashMap<>();
        for (int size : JsonNotifications.SIZES) {
            bySize.put(size, new JsonNotifications(SEED).batch(Math.max(64, 256 * 1024 / size), size));
        }
        return Collections.unmodifiableMap(bySize);
    }

    /** Quick leaves ~20 KiB to full: the two smaller sizes are the notifications' own, and where stacks differ. */
    static List<Integer> sizes(Profile profile) {
        return profile.pick(JsonNotifications.SIZES, JsonNotifications.SIZES.subList(0, 2), JsonNotifications.SIZES);
    }

    /**
     * Quick measures off and 6 (what turning deflate on costs and saves per stack); levels 1 and 9 are full's,
     * and deflate-jmh measures every level's zlib cost in quick too. Issue 13's 20-minute budget for quick.
     */
    static List<Integer> levels(Profile profile) {
        return profile.pick(SMOKE_LEVELS, QUICK_LEVELS, LEVELS);
    }

    /** The bench's server JVM at {@code level}. */
    private static TopologyConfig serverConfig(ScenarioRun run, int level) {
        TopologyConfig base = run.topology();
        return base.withServer(base.server().withCompression(level > 0, level > 0 ? level : MEMORY_LEVEL));
    }

    /** The memory rows' own JVM at {@link #MEMORY_LEVEL}, started as a user would, as capacity's is. */
    private static TopologyConfig memoryServerConfig(ScenarioRun run) {
        TopologyConfig base = ConnectionMemory.userStarted(run.topology());
        return base.withServer(base.server().withCompression(true, MEMORY_LEVEL));
    }

    private static void declareUnsupported(ScenarioRun run, Map<Feature, String> unsupported) {
        Profile profile = run.profile();
        String noDeflate = unsupported.get(Feature.COMPRESSION);
        String noLevel = unsupported.get(Feature.COMPRESSION_LEVEL);
        for (int level : levels(profile)) {
            for (Variant v : variantsOf(profile, level)) {
                if (level > 0 && noDeflate != null) {
                    run.notSupported(v, noDeflate);
                } else if (level > 0 && noLevel != null) {
                    run.notSupported(v, "COMPRESSION_LEVEL does not reach the deflater: " + noLevel);
                }
            }
        }
        if (memoryVariants(profile).isEmpty()) {
            return;
        }
        if (noDeflate != null) {
            run.notSupported(memoryVariant(profile, true), noDeflate);
            run.notSupported(memoryVariant(profile, false), noDeflate);
        }
        String refuses = unsupported.get(Feature.NO_CONTEXT_TAKEOVER);
        if (refuses != null && noDeflate == null) {
            run.notSupported(memoryVariant(profile, false), refuses);
        }
    }

    /**
     * A fresh JVM compiles at first: every size (also those quick does not measure at this level) until the JIT
     * goes quiet, so a level whose only cell is its JVM's first is not measured cold.
     */
    private static void warmUpJvm(ScenarioRun run, SystemUnderTest sut, EchoLoad load,
                               Map<Integer, List<String>> messages) throws Exception {
        List<Integer> all = sizes(run.profile());
        JitQuiet.of(run.profile()).run(sut.topology().replica(0).pid(), all.size(), (shape, length) -> {
            load.start(messages.get(all.get(shape)));
            Thread.sleep(length.toMillis());
            load.stop(EchoScenario.DRAIN);
        });
    }

    /** Every size over one set of connections; a failure fails that size and the next size reconnects. */
    private static void measureEcho(ScenarioRun run, SystemUnderTest sut, int level, int rep,
                                    Map<Integer, List<String>> messages) throws Exception {
        Profile profile = run.profile();
        int connections = EchoScenario.connections(profile);
        URI uri = sut.uri(Route.DIRECT);
        ClientProvider netty = LoadClients.find(LOAD_CLIENT);
        boolean warm = false;
        try (WsClient client = netty.create(run.setup().clientOptions().withCompression(level > 0))) {
            EchoLoad load = null;
            try {
                for (int size : ScenarioRun.rotated(sizes(profile), rep)) {
                    Variant variant = echoVariant(size, level);
                    if (run.skip(variant)) {
                        continue;
                    }
                    try {
                        if (load == null) {
                            load = EchoLoad.open(client, uri, connections);
                        }
                        if (!warm) {
                            warmUpJvm(run, sut, load, messages);
                            warm = true;
                        }
                        Map<String, Double> values = measure(run, sut, client, load, level, messages.get(size));
                        noteUncompressed(run, variant, level, values);
                        run.record(variant, rep, values);
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        run.fail(variant, sut.whyFailed(e));
                        if (load != null) {
                            load.close();
                            load = null;
                        }
                    }
                }
            } finally {
                if (load != null) {
                    load.close();
                }
            }
        }
    }

    private static Map<String, Double> measure(ScenarioRun run, SystemUnderTest sut, WsClient client, EchoLoad load,
                                               int level, List<String> batch)
            throws Exception {
        Profile profile = run.profile();
        WireBytes atStart = wire(client);
        load.start(batch);
        EchoLoad.Measured measured = load.measure(profile.steadyState().withCap(warmUp(profile)),
                measureTime(profile), EchoScenario.MAX_STRETCH, sut::sample);
        load.stop(EchoScenario.DRAIN);
        EchoWindow window = measured.window();
        Map<String, ProcessUsage> usage = measured.usage();
        // every message sent since atStart has come back: the bytes since then belong to exactly these echoes
        long all = measured.warmUpEchoes() + window.messages() + load.cut().messages();
        WireBytes traffic = wire(client).minus(atStart);
        long n = window.messages();
        if (n == 0) {
            throw new IllegalStateException("no echo came back within "
                    + measureTime(profile).plus(EchoScenario.MAX_STRETCH).toMillis() + " ms");
        }
        if (level > 0 && load.compressedConnections() != load.size()) {
            throw new IOException("permessage-deflate negotiated on " + load.compressedConnections() + " of "
                    + load.size() + " connections although the server runs with COMPRESSION=on");
        }
        double json = averageUtf8(batch);
        double down = traffic.read() / (double) all;
        double up = traffic.written() / (double) all;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(RATIO_DOWN.key(), json / down);
        values.put(WIRE_DOWN.key(), down);
        values.put(PAYLOAD_BYTES.key(), json);
        ProcessUsage server = usage.get("server");
        if (server != null) {
            values.put(CPU_PER_1K.key(), server.cpuSeconds() * 1e6 / n);
            values.put(SERVER_CPU.key(), server.avgCores());
        }
        values.put(THROUGHPUT.key(), window.messagesPerSecond());
        values.put(WIRE_UP.key(), up);
        values.put(RATIO_UP.key(), json / up);
        ProcessUsage loadUsage = usage.get("load");
        if (loadUsage != null) {
            values.put(LOAD_CPU.key(), loadUsage.avgCores());
        }
        return values;
    }

    /** Warm-up before each size's window; shorter than the profile's, which would cost 12 JVMs ×3 sizes. */
    static Duration warmUp(Profile profile) {
        return profile.pick(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    /** Each size's measured window (stretched when it holds fewer than two round trips per connection). */
    static Duration measureTime(Profile profile) {
        return profile.pick(Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofSeconds(5));
    }

    private static WireBytes wire(WsClient client) {
        return client.wireBytes().orElseThrow(() -> new IllegalStateException(
                "the " + LOAD_CLIENT + " client does not count socket bytes"));
    }

    private static void noteUncompressed(ScenarioRun run, Variant variant, int level, Map<String, Double> values) {
        if (level > 0 && values.get(RATIO_DOWN.key()) < 1.05) {
            run.note(variant, "server→client ratio under 1.05 at level " + level + ": the server sent these"
                    + " messages (almost) uncompressed");
        }
    }

    /** The mean UTF-8 length: every message of the batch is sent equally often in a window. */
    static double averageUtf8(List<String> batch) {
        long total = 0;
        for (String m : batch) {
            total += m.getBytes(StandardCharsets.UTF_8).length;
        }
        return total / (double) batch.size();
    }

    /**
     * At {@link #MEMORY_LEVEL}, in the JVM the echo part just used: N connections, each carrying one message,
     * with context takeover on and then off, each set read against the server with no connection open.
     */
    private static void measureMemory(ScenarioRun run, SystemUnderTest sut, int rep, List<String> batch,
                                      Map<Feature, String> unsupported) throws Exception {
        Profile profile = run.profile();
        ClientProvider netty = LoadClients.find(LOAD_CLIENT);
        ServerReplica server = sut.topology().replica(0);
        URI uri = sut.uri(Route.DIRECT);
        int planned = memoryConnections(profile);
        ConnectionRoom room = ConnectionRoom.between(server.pid(), ProcessHandle.current().pid());
        int n = room.fit(planned);
        for (boolean takeover : List.of(true, false)) {
            Variant variant = memoryVariant(profile, takeover);
            if (run.skip(variant)) {
                continue;
            }
            ConnectionMemory.noteSize(run, variant, planned, n, room);
            String keepsNoContext = unsupported.get(Feature.SERVER_CONTEXT_TAKEOVER);
            if (takeover && keepsNoContext != null) {
                run.note(variant, "the server never keeps its own context (" + keepsNoContext + "): \"on\" is the"
                        + " client's context only");
            }
            try {
                Map<String, Double> values = measureMemory(run, netty, server, uri, n, takeover, batch, variant);
                if (values != null) {
                    run.record(variant, rep, values);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                run.fail(variant, sut.whyFailed(e));
            }
        }
    }

    /**
     * Warmed up with the same offer, then N connections each exchanging {@link ConnectionMemory#BUSY_EXCHANGES}
     * messages, read as capacity reads its busy rows. Null when the server refused the offer without context
     * takeover (the variant is then not supported).
     */
    private static Map<String, Double> measureMemory(ScenarioRun run, ClientProvider netty, ServerReplica server,
                                                     URI uri, int n, boolean takeover, List<String> batch,
                                                     Variant variant) throws Exception {
        ClientOptions options = run.setup().clientOptions().withCompression(true).withContextTakeover(takeover);
        try {
            ConnectionMemory.warmUp(netty, options, uri, MEMORY_WARM_UP, server, batch);
        } catch (IOException e) {
            if (takeover) {
                throw e;
            }
            run.notSupported(variant, "the server did not grant server_no_context_takeover: " + Reasons.of(e));
            return null;
        }
        MemoryPerConnection memory = MemoryPerConnection.baseline(server);
        if (Stacks.isReference(run.impl())) {
            run.note(variant, MemoryPerConnection.NO_LIVE_SET);
        }
        try (WsClient client = netty.create(options)) {
            SourceAddresses sources = SourceAddresses.forConnections(n, ConnectionMemory.ephemeralPorts());
            IdleConnections idle = IdleConnections.open(client, uri, n, 0, sources);
            ConnectionMemory.check(idle, server, true);
            ConnectionMemory.makeBusy(idle, batch);
            Map<String, Double> values = memory.over(idle.opened());
            ConnectionMemory.check(idle, server, true);
            ConnectionMemory.noteOpening(run, variant, 0, idle, sources);
            values.put(OPENED.key(), (double) idle.opened());
            return values;
        }
    }

    /**
     * The memory rows, in smoke and full; quick leaves them to capacity's busy rows with permessage-deflate (10,000
     * connections, the same three 2 KiB exchanges, the same two figures), which its budget has room for once.
     */
    static List<Variant> memoryVariants(Profile profile) {
        List<Variant> both = List.of(memoryVariant(profile, true), memoryVariant(profile, false));
        return profile.pick(both, List.of(), both);
    }

    /** The memory rows' N (quick has no memory rows: its value only names a variant no run measures). */
    static int memoryConnections(Profile profile) {
        return profile.pick(50, 1_000, 10_000);
    }

    private static List<Variant> variantsOf(Profile profile, int level) {
        List<Variant> vs = new ArrayList<>();
        sizes(profile).forEach(size -> vs.add(echoVariant(size, level)));
        return vs;
    }

    /** {@code level} 0: COMPRESSION=off. */
    public static Variant echoVariant(int size, int level) {
        return Variant.of(PAYLOAD, "~" + Format.bytes(size) + " JSON", LEVEL,
                level == 0 ? "off" : Integer.toString(level));
    }

    public static Variant memoryVariant(Profile profile, boolean takeover) {
        return Variant.of(PAYLOAD, String.format("memory at %,d conns, %d × 2 KiB msgs each", memoryConnections(profile),
                        ConnectionMemory.BUSY_EXCHANGES),
                LEVEL, MEMORY_LEVEL + ", context takeover " + (takeover ? "on" : "off"));
    }
}
