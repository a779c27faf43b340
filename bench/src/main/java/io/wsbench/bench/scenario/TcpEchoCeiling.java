package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.ceiling.TcpEchoLoad;
import io.wsbench.bench.ceiling.TcpEchoProcess;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.WarmUp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Echo's ceiling: the same closed loop (echo's connection count, 64 B / 1 KiB / 16 KiB, a fresh pinned server
 * JVM with the servers' flags per repetition, the same warm-up and windows) over raw TCP, against a Netty echo
 * server with no WebSocket, driven by a Netty client on the load CPUs. Direct only: through nginx the ceiling
 * would be nginx's. An impl's throughput as a % of it says how much of what the loopback stack, the JVM and Netty
 * allow the impl (and the WebSocket load client) reach. It lies upwards if the load client is what limits echo
 * (the echo rows' load CPU says when), since this loop does no framing, masking or UTF-8 work on either side.
 */
final class TcpEchoCeiling implements Ceiling {

    @Override
    public String name() {
        return "raw TCP";
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return EchoScenario.sizes(profile).stream().map(size -> EchoScenario.variant(Route.DIRECT, size)).toList();
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Profile profile = run.profile();
        int connections = EchoScenario.connections(profile);
        int ioThreads = run.setup().clientOptions().ioThreads();
        try (TcpEchoProcess server = TcpEchoProcess.start(run.setup().serverJvmFlags(), run.setup().pinning());
             TcpEchoLoad load = TcpEchoLoad.open(ioThreads, "127.0.0.1", server.port(), connections)) {
            JitQuiet.of(profile).run(server.pid(), EchoScenario.SIZES.size(), (shape, length) -> {
                load.start(EchoScenario.SIZES.get(shape));
                Thread.sleep(length.toMillis());
                load.stop(EchoScenario.DRAIN);
            });
            for (int size : ScenarioRun.rotated(EchoScenario.sizes(profile), rep)) {
                Variant variant = EchoScenario.variant(Route.DIRECT, size);
                if (run.skip(variant)) {
                    continue;
                }
                try {
                    measure(run, server, load, variant, size, rep);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    String dead = server.deadReason();
                    run.fail(variant, dead != null ? dead : e.toString());
                    break; // the connections are in an unknown state; the next repetition starts afresh
                }
            }
        }
    }

    private static void measure(ScenarioRun run, TcpEchoProcess server, TcpEchoLoad load, Variant variant, int size,
                                int rep) throws Exception {
        Profile profile = run.profile();
        load.start(size);
        WarmUp warmUp = profile.steadyState().await(() -> load.cut().messagesPerSecond());
        load.cut();
        ResourceSampler sampler = ResourceSampler.start(Map.of("server", List.of(server.pid()),
                "load", List.of(ProcessHandle.current().pid())), Duration.ofMillis(200));
        Thread.sleep(profile.measure().toMillis());
        long stretchUntil = System.nanoTime() + EchoScenario.MAX_STRETCH.toNanos();
        while (load.echoesSinceCut() < 2L * load.size() && load.problem() == null
                && System.nanoTime() < stretchUntil) {
            Thread.sleep(10);
        }
        EchoWindow window = load.cut();
        Map<String, ProcessUsage> usage = sampler.stop();
        load.stop(EchoScenario.DRAIN);
        if (window.messages() == 0) {
            throw new IllegalStateException("no TCP echo came back");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(EchoScenario.THROUGHPUT.key(), window.messagesPerSecond());
        values.put(EchoScenario.P50.key(), window.millis(50));
        values.put(EchoScenario.P99.key(), window.millis(99));
        values.put(EchoScenario.P999.key(), window.millis(99.9));
        ProcessUsage s = usage.get("server");
        if (s != null) {
            values.put(EchoScenario.SERVER_CPU.key(), s.avgCores());
            if (s.cpuSeconds() > 0) {
                values.put(EchoScenario.PER_CPU.key(), window.messages() / s.cpuSeconds());
            }
            values.put(EchoScenario.SERVER_RSS.key(), s.rssMaxBytes() / (1024.0 * 1024));
        }
        ProcessUsage l = usage.get("load");
        if (l != null) {
            values.put(EchoScenario.LOAD_CPU.key(), l.avgCores());
            int loadCpus = run.setup().pinning().loadCpuCount();
            if (l.avgCores() >= 0.9 * loadCpus) {
                run.note(variant, "the TCP load used over 90% of its " + loadCpus + " CPU in at least one"
                        + " repetition: this ceiling may be the client's, and lower than the stack's");
            }
        }
        run.record(variant, rep, values, Map.of("latency", Histograms.encode(window.latencyNanos())), warmUp);
    }
}
