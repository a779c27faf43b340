package io.wsbench.bench;

import io.wsbench.bench.machine.CpuCalibration;
import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.report.choice.WorkaroundMarkers;
import io.wsbench.bench.result.Calibration;
import io.wsbench.bench.result.ConformanceTotals;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Verification;
import io.wsbench.bench.scenario.Ceiling;
import io.wsbench.bench.scenario.Interleaved;
import io.wsbench.bench.scenario.Scenario;
import io.wsbench.bench.scenario.ScenarioRun;
import io.wsbench.bench.scenario.WindowClock;
import java.io.IOException;
import java.nio.file.Path;
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
 * The run: verify every impl before measuring any, then each selected scenario in turn, its impls (and its
 * ceiling) interleaved repetition by repetition ({@link Interleaved}); a CPU calibration at the start, the middle
 * and the end says how much the machine drifted meanwhile. A failing impl or scenario becomes failed rows and the
 * run goes on; every server a scenario starts is closed by the scenario's try-with-resources (and by the
 * topology's shutdown hook if this JVM is interrupted).
 */
public final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    private final BenchSetup setup;
    private final List<String> impls;
    private final List<Scenario> scenarios;
    private final RunResult.Settings settings;
    private final Environment environment;
    private final String runId;
    private final WindowClock clock = new WindowClock();
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
        for (String impl : impls) {
            verifications.add(verify(impl));
        }
        List<Calibration> calibrations = new ArrayList<>();
        calibrations.add(calibrate("start"));
        Map<Scenario, List<Row>> rows = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (i == scenarios.size() / 2 && i > 0) {
                calibrations.add(calibrate("middle"));
            }
            if (Thread.currentThread().isInterrupted()) {
                rows.put(scenario, abortAll(scenario, verifications, "interrupted"));
                continue;
            }
            long start = System.nanoTime();
            Optional<String> server = scenario.loadClientsAgainst();
            rows.put(scenario, server.isPresent()
                    ? measureLoadClients(scenario, server.get(), verificationOf(server.get(), verifications))
                    : measure(scenario, verifications));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            spent.put(scenario.name(), took);
            LOG.info("{}: done in {}", scenario.name(), Format.duration(took));
        }
        calibrations.add(calibrate("end"));
        LOG.info("time per scenario (verification not counted): {}", spent.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.duration(e.getValue())).collect(Collectors.joining(", ")));
        List<ScenarioResult> results = new ArrayList<>(scenarios.stream()
                .map(s -> new ScenarioResult(s.name(), s.description(), s.metrics(), s.variants(setup.profile()),
                        rows.get(s), method(s), spent.getOrDefault(s.name(), Duration.ZERO).toMillis() / 1000.0))
                .toList());
        conformance().ifPresent(results::add);
        // the bench runs in the project root (bench/pom.xml), where the adapters' sources are
        return new RunResult(runId, started, now(), settings, environment, verifications, results,
                setup.nginxConf().text(), calibrations, WorkaroundMarkers.scan(Path.of("").toAbsolutePath()));
    }

    /** The conformance suite's totals at this commit, when {@code mvn test} left them ({@link ConformanceTotals}). */
    private Optional<ScenarioResult> conformance() {
        List<String> why = new ArrayList<>();
        try {
            Optional<ScenarioResult> totals = ConformanceTotals.read(ConformanceTotals.FILE, environment.gitCommit(),
                    impls, why);
            totals.ifPresent(t -> LOG.info("conformance: {}", t.method()));
            why.forEach(w -> LOG.info("conformance: not in this run's tables: {}", w));
            return totals;
        } catch (IOException e) {
            // a file that is not JSON says so; a bug in reading it fails the run like any other
            LOG.warn("conformance: {} could not be read, left out: {}", ConformanceTotals.FILE, e.toString());
            return Optional.empty();
        }
    }

    /** The scenario's own warm-up and windows, then what the runner adds: repetitions and order. */
    private String method(Scenario s) {
        Profile p = setup.profile();
        int count = s.repetitions(p);
        String more = s.adaptive() && p.maxRepetitions() > count ? ", up to " + p.maxRepetitions()
                + " where a headline interval is wider than ±5%" : "";
        String repetitions = s.loadClientsAgainst().isPresent() ? count + " repetitions per client"
                : count + (count == 1 ? " repetition" : " repetitions") + " per impl" + more + "; the impls"
                + (s.ceiling().isPresent() ? " and the ceiling" : "") + " interleaved (repetition k of every one"
                + " before k + 1), their order rotated by one each repetition";
        return s.method(p) + ". " + repetitions + ".";
    }

    private Calibration calibrate(String when) {
        Calibration c = CpuCalibration.measure(when, clock.seconds());
        LOG.info("calibration ({}): {} MiB/s SHA-256, load average {}", when, Format.number(c.mibPerSecond()),
                Format.number(c.loadAverage()));
        return c;
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

    private Verification verificationOf(String impl, List<Verification> verifications) {
        return verifications.stream().filter(v -> v.impl().equals(impl)).findFirst().orElseGet(() -> {
            Verification v = verify(impl);
            verifications.add(v);
            return v;
        });
    }

    /** Every impl and the ceiling, interleaved; impls that failed verification get failed rows. */
    private List<Row> measure(Scenario scenario, List<Verification> verifications) {
        List<Variant> variants = scenario.variants(setup.profile());
        List<Interleaved.Unit> all = new ArrayList<>();
        List<Interleaved.Unit> units = new ArrayList<>();
        for (Verification v : verifications) {
            if (!impls.contains(v.impl())) {
                continue;
            }
            Interleaved.Unit unit = new Interleaved.Unit(new ScenarioRun(scenario, v.impl(), setup, clock), variants,
                    scenario::repetition);
            all.add(unit);
            if (v.passed()) {
                units.add(unit);
            } else {
                unit.run().abort(variants, "verify failed: " + v.reason());
            }
        }
        scenario.ceiling().ifPresent(c -> {
            Interleaved.Unit unit = new Interleaved.Unit(ScenarioRun.forCeiling(scenario, c, setup, clock),
                    c.variants(setup.profile()), c::repetition);
            all.add(unit);
            units.add(unit);
        });
        Profile p = setup.profile();
        int repetitions = scenario.repetitions(p);
        int most = scenario.adaptive() ? Math.max(repetitions, p.maxRepetitions()) : repetitions;
        LOG.info("{}: {} × {} variants, {} to {} repetitions, interleaved", scenario.name(),
                units.stream().map(u -> u.run().rowName()).toList(), variants.size(), repetitions, most);
        try {
            Interleaved.run(units, repetitions, most, scenario.metrics().get(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            units.forEach(u -> u.run().abort(u.variants(), "interrupted"));
        }
        List<Row> rows = new ArrayList<>();
        all.forEach(u -> rows.addAll(u.run().rows(u.variants())));
        return rows;
    }

    /** One run per load client against one server; the scenario interleaves them. */
    private List<Row> measureLoadClients(Scenario scenario, String server, Verification verification) {
        List<ScenarioRun> runs = LoadClients.all().stream()
                .map(c -> ScenarioRun.forLoadClient(scenario, server, setup.withClient(c), clock)).toList();
        List<Variant> variants = scenario.variants(setup.profile());
        List<String> clients = runs.stream().map(ScenarioRun::rowName).toList();
        if (!verification.passed()) {
            runs.forEach(r -> r.abort(variants, "verify failed: " + verification.reason()));
        } else {
            LOG.info("{} {} against {}: {} variants × {} repetitions each, interleaved", scenario.name(), clients,
                    server, variants.size(), setup.profile().repetitions());
            try {
                scenario.runLoadClients(runs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                runs.forEach(r -> r.abort(variants, "interrupted"));
            } catch (Exception e) {
                LOG.warn("{} {} threw", scenario.name(), clients, e);
                runs.forEach(r -> r.abort(variants, Reasons.of(e)));
            }
        }
        List<Row> rows = new ArrayList<>();
        runs.forEach(r -> rows.addAll(r.rows(variants)));
        return rows;
    }

    private List<Row> abortAll(Scenario scenario, List<Verification> verifications, String reason) {
        List<Variant> variants = scenario.variants(setup.profile());
        List<Row> rows = new ArrayList<>();
        for (Verification v : verifications) {
            if (!impls.contains(v.impl())) {
                continue;
            }
            ScenarioRun run = new ScenarioRun(scenario, v.impl(), setup, clock);
            run.abort(variants, reason);
            rows.addAll(run.rows(variants));
        }
        return rows;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
