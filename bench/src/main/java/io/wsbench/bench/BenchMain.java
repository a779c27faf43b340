package io.wsbench.bench;

import io.wsbench.bench.machine.CpuPinning;
import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.ProcFs;
import io.wsbench.bench.report.AddConformance;
import io.wsbench.bench.report.AddScenarios;
import io.wsbench.bench.report.ReportWriter;
import io.wsbench.bench.report.SummaryTable;
import io.wsbench.bench.result.ConformanceTotals;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.scenario.Scenario;
import io.wsbench.bench.scenario.Scenarios;
import io.wsbench.core.TransportProvider;
import io.wsbench.core.Transports;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.topology.NginxBinary;
import io.wsbench.topology.NginxConfig;
import io.wsbench.topology.ReferenceServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load suite's entry point: {@code mvn -pl bench verify} runs it (see bench/pom.xml), and so does
 * {@code java -cp <bench classpath> io.wsbench.bench.BenchMain --profile smoke}.
 *
 * <p>Exit codes: 0 the run completed and the report is written (failed rows included); 1 the run could not
 * start (no nginx, bad arguments); 3 strict mode (the default for smoke, which CI runs) and some row failed, and
 * failed again when its scenario ran once more ({@link StrictRecheck}).
 */
@Command(name = "wsbench-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures every server impl under the same load and writes results.json, one CSV per"
                + " scenario, PNG charts and README.md.")
public final class BenchMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    @Option(names = "--profile", defaultValue = "quick", description = "smoke, quick or full (default: quick)")
    String profile;

    @Option(names = "--max-repetitions", paramLabel = "N", defaultValue = "",
            description = "at most N repetitions per figure, 3 or more (default: the profile's own)")
    String maxRepetitions;

    @Option(names = "--impls", defaultValue = "", description = "comma list of server impls (default: every Java"
            + " impl); a reference server's name (--list) adds it")
    String impls;

    @Option(names = "--scenarios", defaultValue = "", description = "comma list of scenarios (default: all)")
    String scenarios;

    @Option(names = "--client", defaultValue = "",
            description = "the load client (default: " + LoadClients.DEFAULT + ")")
    String client;

    @Option(names = "--out", defaultValue = "results",
            description = "where README.md and the run directory go (default: results)")
    Path out;

    @Option(names = "--strict", defaultValue = "",
            description = "exit 3 when a row failed, and failed again when its scenario ran once more: true or"
                    + " false (default: true for smoke only)")
    String strict;

    @Option(names = "--keep-files", arity = "0..1", defaultValue = "false", fallbackValue = "true",
            description = "keep every topology's directory (server logs, nginx.conf, nginx logs) for post-mortems")
    boolean keepFiles;

    @Option(names = "--report-from", paramLabel = "RESULTS_JSON",
            description = "only regenerate README.md, the CSVs and charts from a results.json, then exit")
    Path reportFrom;

    @Option(names = "--add-conformance",
            description = "with --report-from: first add the conformance suite's totals ("
                    + "conformance/target/conformance.json) to that results.json, when the suite wrote them at the"
                    + " run's own commit and the run has none")
    boolean addConformance;

    @Option(names = "--add-from", paramLabel = "OTHER_RESULTS_JSON",
            description = "with --report-from: first add the scenarios another run of the same commit measured and"
                    + " this one did not (e.g. the opt-in scale scenario)")
    Path addFrom;

    @Option(names = "--list", description = "list profiles, impls, load clients and scenarios, then exit")
    boolean list;

    @Option(names = "--maven-projects", hidden = true, defaultValue = "")
    String mavenProjects;

    @Option(names = "--maven-root", hidden = true, defaultValue = "")
    String mavenRoot;

    @Option(names = "--maven-module", hidden = true, defaultValue = "")
    String mavenModule;

    @Option(names = "--maven-run", hidden = true, defaultValue = "")
    String mavenRun;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!new MavenInvocation(mavenProjects, mavenRoot, mavenModule, mavenRun).asksForBench()) {
            System.out.println("wsbench: not run; this build did not select the bench (run it with"
                    + " `mvn -pl bench verify`, or add -Dbench.run=true)");
            return 0;
        }
        if (reportFrom != null) {
            if (addConformance) {
                try {
                    System.out.println(AddConformance.into(reportFrom, ConformanceTotals.FILE));
                } catch (IllegalStateException e) {
                    System.err.println("wsbench: no conformance totals added: " + e.getMessage());
                    return 1;
                }
            }
            if (addFrom != null) {
                try {
                    System.out.println(AddScenarios.into(reportFrom, addFrom));
                } catch (IllegalStateException e) {
                    System.err.println("wsbench: no scenarios added: " + e.getMessage());
                    return 1;
                }
            }
            System.out.println("wrote " + ReportWriter.regenerate(reportFrom));
            return 0;
        }
        if (list) {
            printList();
            return 0;
        }
        Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("wsbench: " + e.getMessage());
            return 1;
        }
        Thread interrupted = new Thread(() -> LOG.warn("interrupted: stopping every server JVM and nginx;"
                + " no report is written for this run"), "wsbench-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Environment environment = plan.environment();
        LOG.info("wsbench {}: profile {}, impls {}, scenarios {}, load client {}", plan.runId(), profile,
                plan.impls(), plan.scenarios().stream().map(Scenario::name).toList(), plan.setup().client().name());
        environment.lines().forEach(l -> LOG.info("  {}", l));

        RunResult result = new BenchRun(plan.setup(), plan.impls(), plan.scenarios(), plan.settings(), environment,
                plan.runId()).run();
        Runtime.getRuntime().removeShutdownHook(interrupted);
        Path readme = ReportWriter.write(result, out);
        System.out.print(SummaryTable.render(result, readme.toAbsolutePath().normalize() + " and "
                + out.resolve(plan.runId()).toAbsolutePath().normalize() + "/"));

        // A not-supported row is a library's documented limit, not a broken bench: only FAILED rows count.
        long failed = result.scenarios().stream().flatMap(s -> s.rows().stream())
                .filter(r -> r.status() == Status.FAILED).count();
        boolean strictMode = strict.isBlank() ? plan.setup().profile().name().equals(Profile.SMOKE.name()) : Boolean.parseBoolean(strict);
        if (strictMode && failed > 0) {
            long again = StrictRecheck.failedAgain(result, plan.impls(), r -> new BenchRun(plan.setup(), r.impls(),
                    List.of(r.scenario()), plan.settings(), environment, plan.runId() + "-recheck").run());
            if (again > 0) {
                LOG.error("{} row(s) failed, {} of them again when their scenario ran once more (strict mode: exit"
                        + " 3); the reasons are in the tables and lines above", failed, again);
                return 3;
            }
            LOG.warn("{} row(s) failed in the run and passed when their scenario ran once more: intermittent, so"
                    + " strict mode passes; the report keeps them as failed rows, with their reasons", failed);
        }
        return 0;
    }

    private record Plan(BenchSetup setup, List<String> impls, List<Scenario> scenarios, RunResult.Settings settings,
                        Environment environment, String runId) {
    }

    /** Checks every argument and the machine before anything starts; bad input is one clear message. */
    private Plan plan() {
        Profile p = maxRepetitions.isBlank() ? Profile.named(profile)
                : Profile.named(profile).cappedAt(repetitionCap(maxRepetitions));
        List<String> implList = selectImpls(impls);
        List<Scenario> scenarioList = Scenarios.select(scenarios);
        ClientProvider clientProvider = LoadClients.find(client);
        NginxBinary nginx = NginxBinary.find();
        if (!ProcFs.available()) {
            LOG.warn("no /proc on this system: server and load CPU and RSS are not sampled");
        }
        CpuPinning pinning = CpuPinning.detect().pinLoadGenerator();
        List<String> serverFlags = new ArrayList<>(BenchSetup.SERVER_JVM_FLAGS);
        serverFlags.addAll(pinning.serverJvmFlags());
        NginxConfig nginxConfig = BenchSetup.nginxConfig(pinning);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + p.name();
        BenchSetup setup = new BenchSetup(p, pinning, clientProvider, serverFlags, nginxConfig, keepFiles,
                new NginxConfCopy());
        String command = command();
        Environment environment = Environment.capture(libraries(implList), clientProvider.name() + " ("
                        + clientProvider.library() + ")", nginx.version(), describe(nginxConfig), pinning,
                serverFlags, command, Path.of("").toAbsolutePath());
        RunResult.Settings settings = new RunResult.Settings(p.name(), p.warmUp().toMillis(), p.measure().toMillis(),
                p.repetitions(), implList, scenarioList.stream().map(Scenario::name).toList(), clientProvider.name(),
                command, p.maxRepetitions());
        return new Plan(setup, implList, scenarioList, settings, environment, runId);
    }

    private static int repetitionCap(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-repetitions wants a whole number of 3 or more, not '"
                    + value + "'");
        }
    }

    private static List<String> selectImpls(String commaList) {
        List<String> all = Transports.names();
        if (all.isEmpty()) {
            throw new IllegalStateException("no server impl on the classpath (is wsbench-server a dependency?)");
        }
        List<String> wanted = Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (wanted.isEmpty()) {
            return all;
        }
        List<String> known = Stacks.names();
        List<String> unknown = wanted.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown impl(s) " + unknown + "; known impls: "
                    + String.join(", ", all) + "; reference servers: "
                    + String.join(", ", known.subList(all.size(), known.size())));
        }
        // a reference server that cannot start says what to install before anything runs
        wanted.forEach(Stacks::requireRunnable);
        return known.stream().filter(wanted::contains).toList();
    }

    /** Every Java impl's library, and those of the reference servers this run measures. */
    private static Map<String, String> libraries(List<String> impls) {
        Map<String, String> libraries = new LinkedHashMap<>();
        for (TransportProvider p : Transports.all()) {
            libraries.put(p.name(), p.library());
        }
        impls.stream().filter(Stacks::isReference).forEach(r -> libraries.put(r, Stacks.library(r)));
        return libraries;
    }

    private static String describe(NginxConfig c) {
        return "nginx/nginx.conf.template (rendered copy: nginx.conf in the run directory): "
                + (c.workerProcesses() == 0 ? "auto" : Integer.toString(c.workerProcesses())) + " worker(s) × "
                + c.workerConnections() + " connections, " + c.balance().label() + ", proxy_read_timeout "
                + c.proxyReadTimeout().toSeconds() + "s, proxy_buffering off, tcp_nodelay on, TLS 1.2/1.3 with a"
                + " self-signed RSA 2048 certificate (nginx/gen-cert.sh)";
    }

    /** The command as typed: Maven's own copy of its arguments when run through mvn, else this JVM's. */
    private String command() {
        String mvn = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (mvn != null && !mvn.isBlank()) {
            return "mvn " + mvn.strip();
        }
        return "java -cp <bench classpath> " + BenchMain.class.getName() + " --profile " + profile
                + (maxRepetitions.isBlank() ? "" : " --max-repetitions " + maxRepetitions)
                + (impls.isBlank() ? "" : " --impls " + impls) + (scenarios.isBlank() ? "" : " --scenarios " + scenarios)
                + (client.isBlank() ? "" : " --client " + client) + " --out " + out;
    }

    private static void printList() {
        System.out.println("profiles:");
        for (Profile p : Profile.all()) {
            System.out.printf("  %-6s warm-up until steady (at most %d ms), measure %d ms, %d to %d repetitions%n",
                    p.name(), p.warmUp().toMillis(), p.measure().toMillis(), p.repetitions(), p.maxRepetitions());
        }
        System.out.println("server impls: " + String.join(", ", Transports.names()) + "; reference servers (only when"
                + " named in --impls): " + String.join(", ", ReferenceServer.names()));
        List<ClientProvider> clients = LoadClients.all();
        System.out.println("load clients: " + String.join(", ", clients.stream().map(ClientProvider::name).toList())
                + " (default " + LoadClients.DEFAULT + ")");
        System.out.println("scenarios:");
        for (Scenario s : Scenarios.ALL) {
            System.out.println("  " + s.name() + ": " + s.description());
        }
        System.out.println("opt-in scenarios (only with --scenarios / -Dbench.scenarios):");
        for (Scenario s : Scenarios.OPT_IN) {
            System.out.println("  " + s.name() + ": " + s.description());
        }
    }
}
