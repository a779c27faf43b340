package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.EchoLoad;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.report.Format;
import io.wsbench.bench.report.Histograms;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.client.WsClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which load client drives the most load per CPU (SPEC §4 "clients"): echo's closed loop (64 connections, direct)
 * driven by each client on the classpath in turn against one fixed server, Netty, in a fresh pinned JVM per
 * repetition. The rows are the clients, not the server impls: the scenario runs once per client whatever impls
 * the run selected. The headline is echoes per CPU-second of the load JVM (the client's cost per message, which
 * the bench's default client should minimise); msgs/s alone would rank the server when the server is the limit.
 */
public final class ClientsScenario implements Scenario {
    /** The one server every client drives: the impl with the cheapest echo, so the client's cost stands out. */
    static final String SERVER = "netty";
    private static final List<Integer> SIZES = List.of(64, 1024);

    private static final Metric PER_LOAD_CPU = Metric.higher("msgs_per_load_cpu_s", "per load CPU-s", "msgs");

    @Override
    public String name() {
        return "clients";
    }

    @Override
    public String description() {
        return "The same closed-loop echo load (" + EchoScenario.connections(Profile.QUICK) + " connections in the"
                + " quick profile, direct) driven by each load client against one " + SERVER + " server, each"
                + " repetition in a fresh server JVM: echoes per CPU-second of the load generator's JVM (the"
                + " headline: what a message costs the client), msgs/s, load and server CPU. Rows are load"
                + " clients, not server impls. It lies if the load JVM's own background work (GC, the CPU"
                + " sampler) differs between clients, or if the server, not the client, is the limit: then msgs/s"
                + " is the server's, but the per-CPU figure still ranks the clients.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(PER_LOAD_CPU, EchoScenario.THROUGHPUT, EchoScenario.LOAD_CPU, EchoScenario.SERVER_CPU,
                EchoScenario.P50, EchoScenario.P99);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return SIZES.stream().map(ClientsScenario::variant).toList();
    }

    @Override
    public Optional<String> loadClientsAgainst() {
        return Optional.of(SERVER);
    }

    /** One client (run.client): a fresh server per repetition, warmed up at every size, then each size measured. */
    @Override
    public void run(ScenarioRun run) throws Exception {
        Profile profile = run.profile();
        int connections = EchoScenario.connections(profile);
        Duration warmUp = profile.pick(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(10));
        for (int rep = 1; rep <= profile.repetitions(); rep++) {
            try (SystemUnderTest sut = run.start(run.topology());
                 WsClient client = run.client(sut, Route.DIRECT);
                 EchoLoad load = EchoLoad.open(client, sut.uri(Route.DIRECT), connections)) {
                for (int size : SIZES) {
                    load.start(EchoLoad.text(size));
                    Thread.sleep(warmUp.toMillis() / SIZES.size());
                    load.stop(EchoScenario.DRAIN);
                }
                for (int size : SIZES) {
                    Variant variant = variant(size);
                    if (!run.skip(variant)) {
                        measure(run, sut, load, variant, size, rep);
                    }
                }
            }
        }
    }

    private static void measure(ScenarioRun run, SystemUnderTest sut, EchoLoad load, Variant variant, int size,
                                int rep) throws Exception {
        Profile profile = run.profile();
        load.start(EchoLoad.text(size));
        Thread.sleep(profile.warmUp().toMillis());
        load.cut();
        ResourceSampler sampler = sut.sample();
        Thread.sleep(profile.measure().toMillis());
        EchoWindow window = load.cut();
        Map<String, ProcessUsage> usage = sampler.stop();
        load.stop(EchoScenario.DRAIN);
        ProcessUsage loadUsage = usage.get("load");
        if (window.messages() == 0 || loadUsage == null || loadUsage.cpuSeconds() <= 0) {
            run.fail(variant, window.messages() == 0 ? "no echo came back in the window"
                    : "the load JVM's CPU time could not be read (/proc)");
            return;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        // Both over the sampler's window: echoes per second times seconds per load CPU-second.
        values.put(PER_LOAD_CPU.key(), window.messagesPerSecond() / loadUsage.avgCores());
        values.put(EchoScenario.THROUGHPUT.key(), window.messagesPerSecond());
        values.put(EchoScenario.LOAD_CPU.key(), loadUsage.avgCores());
        ProcessUsage server = usage.get("server");
        if (server != null) {
            values.put(EchoScenario.SERVER_CPU.key(), server.avgCores());
            int serverCpus = run.setup().pinning().serverCpus().size();
            if (server.avgCores() >= 0.9 * serverCpus) {
                run.note(variant, "the " + SERVER + " server used over 90% of its " + serverCpus + " CPU in at least"
                        + " one repetition: msgs/s is the server's limit there; the per-CPU figure is the client's");
            }
        }
        values.put(EchoScenario.P50.key(), window.millis(50));
        values.put(EchoScenario.P99.key(), window.millis(99));
        run.record(variant, rep, values, Map.of("latency", Histograms.encode(window.latencyNanos())));
    }

    private static Variant variant(int size) {
        return Variant.of(EchoScenario.SIZE, Format.bytes(size));
    }
}
