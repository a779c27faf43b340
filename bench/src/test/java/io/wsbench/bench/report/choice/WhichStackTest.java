package io.wsbench.bench.report.choice;

import static io.wsbench.bench.report.choice.FabricatedRuns.failed;
import static io.wsbench.bench.report.choice.FabricatedRuns.row;
import static io.wsbench.bench.report.choice.FabricatedRuns.run;
import static io.wsbench.bench.report.choice.FabricatedRuns.scenario;
import static io.wsbench.bench.report.choice.FabricatedRuns.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Route;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Workaround;
import io.wsbench.bench.scenario.CapacityScenario;
import io.wsbench.bench.scenario.EchoScenario;
import io.wsbench.bench.scenario.LatencyScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhichStackTest {
    private static final Variant ECHO_1K = EchoScenario.variant(Route.DIRECT, 1024);
    private static final Variant IDLE = CapacityScenario.variant(false, CapacityScenario.IDLE);
    private static final String PER_CPU = EchoScenario.PER_CPU.key();
    private static final String FOOTPRINT = CapacityScenario.FOOTPRINT.key();

    private static ScenarioResult echo(double[] netty, double[] jetty, double[] undertow) {
        return scenario(new EchoScenario(), ECHO_1K, row("netty", ECHO_1K, PER_CPU, netty),
                row("jetty", ECHO_1K, PER_CPU, jetty), row("undertow", ECHO_1K, PER_CPU, undertow));
    }

    @Test
    void aClearBestIsThePickAndTheBestOfTheRestIsRunnerUpWithItsRatio() {
        RunResult run = run(echo(values(100, 101, 102), values(50, 51, 52), values(70, 71, 72)));

        Standing s = Standing.of(Criteria.ECHO_PER_CPU, run);

        assertThat(s.pickText()).isEqualTo("netty");
        assertThat(s.runnerUpText()).isEqualTo("undertow ×0.70");
        assertThat(s.figureText()).isEqualTo("per server CPU-s: netty 101 [100–102] msgs; undertow 71 [70–72] msgs");
    }

    @Test
    void overlappingIntervalsAreATiedGroupNotARanking() {
        RunResult run = run(echo(values(100, 110, 120), values(95, 105, 115), values(50, 51, 52)));

        Standing s = Standing.of(Criteria.ECHO_PER_CPU, run);

        assertThat(s.tie()).isTrue();
        assertThat(s.pickText()).isEqualTo("tie: netty, jetty");
        assertThat(s.runnerUpText()).isEqualTo("undertow ×0.46");
    }

    @Test
    void whenEveryImplTiesThereIsNoRunnerUp() {
        RunResult run = run(echo(values(100, 110, 120), values(95, 105, 115), values(90, 100, 110)));

        Standing s = Standing.of(Criteria.ECHO_PER_CPU, run);

        assertThat(s.picks()).hasSize(3);
        assertThat(s.runnerUpText()).isEqualTo("–");
    }

    @Test
    void idleFootprintIsCapacitysFootprintWithoutDeflate() {
        RunResult run = run(scenario(new CapacityScenario(), IDLE,
                row("netty", IDLE, FOOTPRINT, values(1500, 1600, 1700)),
                row("jetty", IDLE, FOOTPRINT, values(3100, 3100, 3100))));

        Standing s = Standing.of(Criteria.IDLE_FOOTPRINT, run);

        assertThat(s.pickText()).isEqualTo("netty");
        assertThat(s.picks().get(0).summary().median()).isEqualTo(1600);
        assertThat(s.runnerUpText()).isEqualTo("jetty ×1.94");
    }

    @Test
    void aFailedRowIsNamedNeverRanked() {
        RunResult run = run(scenario(new EchoScenario(), ECHO_1K, row("netty", ECHO_1K, PER_CPU, values(1, 2, 3)),
                failed("jetty", ECHO_1K)));

        Standing s = Standing.of(Criteria.ECHO_PER_CPU, run);

        assertThat(s.pickText()).isEqualTo("netty");
        assertThat(s.runnerUp()).isEmpty();
        assertThat(s.figureText()).endsWith("; no figure: jetty");
    }

    @Test
    void aScenarioTheRunDidNotHaveIsNotMeasuredAndSaysWhatMeasuresIt() {
        Standing s = Standing.of(Criteria.P99_NGINX_TLS, run(echo(values(1), values(1), values(1))));

        assertThat(s.measured()).isFalse();
        assertThat(s.notMeasured()).isEqualTo("not measured in this run: the latency scenario's nginx+tls"
                + " route (LatencyScenario.routes)");
    }

    @Test
    void tlsAtTheServerIsReadFromTheLatencyScenariosDirectTlsRoute() {
        Variant tls = Variant.of(LatencyScenario.ROUTE, Route.DIRECT_TLS.label(), "rate", "8,000 msgs/s");
        String p99 = LatencyScenario.P99.key();
        RunResult run = run(scenario(new LatencyScenario(), tls, row("netty", tls, p99, values(4, 4.1, 4.2)),
                row("jetty", tls, p99, values(9, 9.5, 10))));

        assertThat(Standing.of(Criteria.TLS_AT_SERVER, run).pickText()).isEqualTo("netty");
        assertThat(WorkloadProfile.TLS_AT_SERVER.choose(run).runnerUp()).isEqualTo("jetty ×2.32");
    }

    @Test
    void aProfileSaysATieAsATie() {
        RunResult run = run(echo(values(100, 110, 120), values(95, 105, 115), values(50, 51, 52)));

        WorkloadProfile.Choice c = WorkloadProfile.HIGH_RATE.choose(run);

        assertThat(c.pick()).isEqualTo("tie: netty, jetty");
        assertThat(c.runnerUp()).isEqualTo("undertow ×0.46");
        assertThat(c.why()).isEqualTo("Tied on echo throughput per server CPU-second, their 95% intervals overlap"
                + " (per server CPU-s: netty 110 msgs, jetty 105 msgs) ahead of undertow 51 msgs (×0.46); p99 at a fixed offered rate,"
                + " direct not measured.");
    }

    @Test
    void aProfileFallsBackToItsNextCriterionAndSaysWhenNoneWasMeasured() {
        RunResult run = run(echo(values(1), values(1), values(1)));

        assertThat(WorkloadProfile.TLS_AT_NGINX.choose(run).why()).startsWith("Not measured in this run: the latency scenario");
        assertThat(WorkloadProfile.TLS_AT_SERVER.choose(run).pick()).isEqualTo("–");
    }

    @Test
    void theAdapterTableSumsEachStacksWorkaroundsAndSaysTheFiguresAreForThePatchedStacks() {
        RunResult run = run(List.of(
                new Workaround("java-websocket", "write-demand rescue", "defect", "", 60, List.of("A.java")),
                new Workaround("java-websocket", "queue bound", "missing", "TooTallNate/Java-WebSocket#773", 25,
                        List.of("B.java")),
                new Workaround("netty", "server heartbeat", "missing", "", 4, List.of("C.java"))));

        String md = WhichStack.markdown(run);

        assertThat(md).contains("| java-websocket | 85 | write-demand rescue (defect, no upstream issue, 60);"
                        + " queue bound (missing, TooTallNate/Java-WebSocket#773, 25) |",
                "| netty | 4 | server heartbeat (missing, no upstream issue, 4) |", "| jetty | 0 | none |",
                "for these patched stacks");
    }

    @Test
    void aReferenceServerIsShownBesideThePicksNeverAmongThem() {
        ScenarioResult echo = scenario(new EchoScenario(), ECHO_1K,
                row("netty", ECHO_1K, PER_CPU, values(100, 101, 102)), row("jetty", ECHO_1K, PER_CPU, values(50, 51, 52)),
                row("ref-go-gorilla", ECHO_1K, PER_CPU, values(150, 151, 152)),
                row("ref-node-ws", ECHO_1K, PER_CPU, values(99, 101, 103)));
        RunResult run = FabricatedRuns.run(List.of("netty", "jetty", "ref-go-gorilla", "ref-node-ws"), List.of(
                new Workaround("netty", "server heartbeat", "missing", "", 4, List.of("C.java"))), echo);

        Standing s = Standing.of(Criteria.ECHO_PER_CPU, run);

        assertThat(s.pickText()).isEqualTo("netty");
        assertThat(s.runnerUpText()).isEqualTo("jetty ×0.50");
        assertThat(s.referencesText()).isEqualTo("ref-go-gorilla ×1.50 (151 msgs); ref-node-ws ≈ best (101 msgs)");
        String md = WhichStack.markdown(run);
        assertThat(md).contains("| criterion | pick | runner-up | figure | reference servers (vs the best Java impl) |",
                "| netty | 4 | server heartbeat (missing, no upstream issue, 4) |")
                .doesNotContain("| ref-go-gorilla | 0 |");
    }

    @Test
    void aRunWithoutReferenceServersHasNoColumnForThem() {
        RunResult run = run(echo(values(100, 101, 102), values(50, 51, 52), values(70, 71, 72)));

        assertThat(WhichStack.markdown(run)).doesNotContain("reference servers");
    }

    @Test
    void aRunWithoutWorkaroundsSaysTheyWereNotRecorded() {
        assertThat(WhichStack.markdown(run())).contains("Not recorded in this run");
    }
}
