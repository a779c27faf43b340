package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.load.EchoLoad;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.format.Histograms;
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
 * driven by each client on the classpath against one fixed server, Netty, in one pinned JVM, the clients taking
 * turns. The rows are the clients, not the server impls: the scenario runs once per bench run, whatever impls the
 * run selected. The headline is echoes per CPU-second of the load JVM (the client's cost per message, which the
 * bench's default client should minimise); msgs/s alone would rank the server when the server is the limit.
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
                + " quick profile, direct) driven by each load client against one " + SERVER + " server JVM (each"
                + " client warmed up, then the clients take turns, each repetition a fresh client and"
                + " connections): echoes per CPU-second of"
                + " the load generator's JVM (the headline: what a message costs the client), msgs/s, load and"
                + " server CPU. Rows are load clients, not server impls. The JVM's fixed costs (GC, JIT, the CPU"
                + " sampler) count against a slow client more than a fast one; and when other processes share the"
                + " CPUs, a client with more threads gets more CPU time, so its msgs/s says more about the machine"
                + " than about the client; the per-CPU figure still ranks the clients.";
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

    /** Never called: every client is measured with the others against one server, see {@link #runLoadClients}. */
    @Override
    public void repetition(ScenarioRun run, int repetition) {
        throw new IllegalStateException("the clients scenario measures its clients together: runLoadClients");
    }

    @Override
    public String method(Profile profile) {
        return "one " + SERVER + " server JVM for every client, each client warmed up first by a number of round"
                + " trips; then per repetition each client in turn (the clients' order rotated each repetition)"
                + " opens fresh connections and per size warms up until " + EchoScenario.steady(profile) + ", then "
                + profile.measure().toMillis() + " ms measured";
    }

    /**
     * One server JVM for every client (what is compared lives in the load JVM, not the server's). Each client is
     * warmed up first; then, per repetition, each client in turn opens fresh connections on a fresh client and
     * measures every size: interleaved, so a busy machine's slow moments fall on every client, not on whichever
     * happened to run then.
     */
    @Override
    public void runLoadClients(List<ScenarioRun> runs) throws Exception {
        ScenarioRun first = runs.get(0);
        Profile profile = first.profile();
        int connections = EchoScenario.connections(profile);
        try (SystemUnderTest sut = first.start(first.topology())) {
            for (ScenarioRun run : runs) {
                try {
                    warmUp(run, sut, connections, profile);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    run.abort(variants(profile), "warm-up failed: " + e);
                }
            }
            for (int rep = 1; rep <= profile.repetitions(); rep++) {
                for (ScenarioRun run : ScenarioRun.rotated(runs, rep)) {
                    if (variants(profile).stream().allMatch(run::skip)) {
                        continue;
                    }
                    try (WsClient client = run.client(sut, Route.DIRECT);
                         EchoLoad load = EchoLoad.open(client, sut.uri(Route.DIRECT), connections)) {
                        for (int size : SIZES) {
                            Variant variant = variant(size);
                            if (!run.skip(variant)) {
                                measure(run, sut, load, variant, size, rep);
                            }
                        }
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        run.abort(variants(profile), sut.whyFailed(e));
                    }
                }
            }
        }
    }

    /**
     * By round trips, not time: a client's cost per message only settles once the JIT has compiled its path
     * (Netty's pipeline takes tens of thousands of messages), and on a busy machine a fixed time would leave some
     * clients measured cold. The cap bounds it when the machine is very slow.
     */
    private static void warmUp(ScenarioRun run, SystemUnderTest sut, int connections, Profile profile)
            throws Exception {
        long echoes = profile.pick(100, 40_000, 200_000) / SIZES.size();
        Duration cap = profile.pick(Duration.ofMillis(300), Duration.ofSeconds(4), Duration.ofSeconds(30))
                .dividedBy(SIZES.size());
        try (WsClient client = run.client(sut, Route.DIRECT);
             EchoLoad load = EchoLoad.open(client, sut.uri(Route.DIRECT), connections)) {
            for (int size : SIZES) {
                load.start(EchoLoad.text(size));
                long until = System.nanoTime() + cap.toNanos();
                while (load.echoesSinceCut() < echoes && System.nanoTime() < until && load.problem() == null) {
                    Thread.sleep(10);
                }
                load.stop(EchoScenario.DRAIN);
            }
        }
    }

    private static void measure(ScenarioRun run, SystemUnderTest sut, EchoLoad load, Variant variant, int size,
                                int rep) throws Exception {
        Profile profile = run.profile();
        load.start(EchoLoad.text(size));
        EchoLoad.Measured measured = load.measure(profile.steadyState(), profile.measure(), Duration.ZERO,
                sut::sample);
        load.stop(EchoScenario.DRAIN);
        EchoWindow window = measured.window();
        Map<String, ProcessUsage> usage = measured.usage();
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
        run.record(variant, rep, values, Map.of("latency", Histograms.encode(window.latencyNanos())),
                measured.warmUp());
    }

    private static Variant variant(int size) {
        return Variant.of(EchoScenario.SIZE, Format.bytes(size));
    }
}
