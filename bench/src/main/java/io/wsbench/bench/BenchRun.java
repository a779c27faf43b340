package io.wsbench.bench;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.report.Format;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Verification;
import io.wsbench.bench.scenario.Ceiling;
import io.wsbench.bench.scenario.Scenario;
import io.wsbench.bench.scenario.ScenarioRun;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run: for each impl, verify before measure, then every selected scenario; then what is measured once per
 * run: each scenario's ceiling, and the scenarios whose rows are the load clients. A failing impl or scenario
 * becomes failed rows and the run goes on with the next; every server a scenario starts is closed by the
 * scenario's try-with-resources (and by the topology's shutdown hook if this JVM is interrupted).
 */
public final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    private final BenchSetup setup;
    private final List<String> impls;
    private final List<Scenario> scenarios;
    private final RunResult.Settings settings;
    private final Environment environment;
    private final String runId;
    /** Measuring time per scenario, for the closing progress line: what the profile's budget goes on. */
    private final Map<String, Duration> spent = new LinkedHashMap<>();

    public BenchRun(BenchSetup setup, List<String> impls, List<Scenario> scenarios, RunResult.Settings settings,
                    Environment environment, String runId) {
        this.setup = setup;
        this.impls = List.copyOf(impls);
        this.scenarios = List.copyOf(scenarios);
        this.settings = settings;
        this.environment = environment;
        this.runId = runId;
    }

    public RunResult run() {
        String started = now();
        List<Verification> verifications = new ArrayList<>();
        Map<Scenario, List<Row>> rows = new LinkedHashMap<>();
        scenarios.forEach(s -> rows.put(s, new ArrayList<>()));
        for (String impl : impls) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            Verification verification = verify(impl);
            verifications.add(verification);
            for (Scenario scenario : scenarios) {
                if (scenario.loadClientsAgainst().isEmpty()) {
                    rows.get(scenario).addAll(measure(impl, new ScenarioRun(scenario, impl, setup),
                            scenario.variants(setup.profile()), verification, scenario::run));
                }
            }
        }
        for (Scenario scenario : scenarios) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            Optional<String> server = scenario.loadClientsAgainst();
            if (server.isPresent()) {
                Verification verification = verifications.stream().filter(v -> v.impl().equals(server.get()))
                        .findFirst().orElseGet(() -> {
                            Verification v = verify(server.get());
                            verifications.add(v);
                            return v;
                        });
                rows.get(scenario).addAll(measureLoadClients(scenario, server.get(), verification));
            }
            Optional<Ceiling> ceiling = scenario.ceiling();
            if (ceiling.isPresent()) {
                ScenarioRun run = ScenarioRun.forCeiling(scenario, ceiling.get(), setup);
                rows.get(scenario).addAll(measure(ceiling.get().name() + " (ceiling)", run,
                        ceiling.get().variants(setup.profile()), null, ceiling.get()::run));
            }
        }
        LOG.info("time per scenario (verification not counted): {}", spent.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.duration(e.getValue())).collect(Collectors.joining(", ")));
        List<ScenarioResult> results = scenarios.stream()
                .map(s -> new ScenarioResult(s.name(), s.description(), s.metrics(), s.variants(setup.profile()),
                        rows.get(s)))
                .toList();
        return new RunResult(runId, started, now(), settings, environment, verifications, results,
                setup.nginxConf().text());
    }

    private Verification verify(String impl) {
        LOG.info("{}: verify before measure", impl);
        Verification v = VerifyBeforeMeasure.check(impl, setup);
        if (v.passed()) {
            LOG.info("{}: verified ({})", impl, String.join("; ", v.checks()));
        } else {
            LOG.warn("{}: verify FAILED, no numbers for it: {}", impl, v.reason());
        }
        return v;
    }

    /** One run per load client, all measured by one call (the scenario may interleave them); rows per client. */
    private List<Row> measureLoadClients(Scenario scenario, String server, Verification verification) {
        List<ScenarioRun> runs = LoadClients.all().stream()
                .map(c -> ScenarioRun.forLoadClient(scenario, server, setup.withClient(c))).toList();
        List<Variant> variants = scenario.variants(setup.profile());
        List<String> clients = runs.stream().map(r -> r.setup().client().name()).toList();
        if (!verification.passed()) {
            runs.forEach(r -> r.abort(variants, "verify failed: " + verification.reason()));
        } else {
            LOG.info("{} {} against {}: {} variants × {} repetitions each", scenario.name(), clients, server,
                    variants.size(), setup.profile().repetitions());
            long start = System.nanoTime();
            try {
                scenario.runLoadClients(runs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runs.forEach(r -> r.abort(variants, "interrupted"));
            } catch (Exception e) {
                LOG.warn("{} {} threw", scenario.name(), clients, e);
                runs.forEach(r -> r.abort(variants, Reasons.of(e)));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            spent.merge(scenario.name(), took, Duration::plus);
            LOG.info("{} {} against {}: done in {}", scenario.name(), clients, server, Format.duration(took));
        }
        List<Row> rows = new ArrayList<>();
        runs.forEach(r -> rows.addAll(r.rows(variants)));
        return rows;
    }

    /** How one {@link ScenarioRun} is measured: {@code Scenario::run} or {@code Ceiling::run}. */
    private interface Measurement {
        void run(ScenarioRun run) throws Exception;
    }

    /**
     * @param who          the progress lines' name for what is measured
     * @param verification the server's, or null when nothing needs one (a ceiling starts no impl)
     */
    private List<Row> measure(String who, ScenarioRun run, List<Variant> variants, Verification verification,
                              Measurement measurement) {
        String scenario = run.scenario().name();
        if (verification != null && !verification.passed()) {
            run.abort(variants, "verify failed: " + verification.reason());
            return run.rows(variants);
        }
        LOG.info("{} {}: {} variants × {} repetitions", scenario, who, variants.size(), setup.profile().repetitions());
        long start = System.nanoTime();
        try {
            measurement.run(run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.abort(variants, "interrupted");
        } catch (IOException e) {
            LOG.warn("{} {}: {}", scenario, who, Reasons.of(e));
            run.abort(variants, Reasons.of(e));
        } catch (Exception e) {
            LOG.warn("{} {} threw", scenario, who, e);
            run.abort(variants, Reasons.of(e));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        spent.merge(scenario, took, Duration::plus);
        LOG.info("{} {}: done in {}", scenario, who, Format.duration(took));
        return run.rows(variants);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
