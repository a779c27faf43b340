package io.wsbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.scenario.TimeoutsScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which scenarios run again, for which impls, and which second failures count. */
class StrictRecheckTest {
    private static final List<String> IMPLS = List.of("java-websocket", "jetty", "netty", "undertow");

    @Test
    void aScenarioWithAFailedRowRunsOnceMoreForTheImplsThatFailedIt() {
        RunResult first = run(scenario("timeouts", failed("java-websocket"), ok("netty")),
                scenario("echo", ok("java-websocket"), ok("netty")));
        List<StrictRecheck.Rerun> reruns = new ArrayList<>();

        long again = StrictRecheck.failedAgain(first, IMPLS, r -> {
            reruns.add(r);
            return run(scenario("timeouts", ok("java-websocket")));
        });

        assertThat(again).isZero();
        assertThat(reruns).singleElement().satisfies(r -> {
            assertThat(r.scenario().name()).isEqualTo("timeouts");
            assertThat(r.impls()).containsExactly("java-websocket");
        });
    }

    @Test
    void aRowThatFailsAgainCounts() {
        RunResult first = run(scenario("timeouts", failed("java-websocket"), failed("undertow"), ok("netty")));

        long again = StrictRecheck.failedAgain(first, IMPLS,
                r -> run(scenario("timeouts", failed("java-websocket"), ok("undertow"))));

        assertThat(again).isEqualTo(1);
    }

    @Test
    void aFailedRowOfNoServerImplRunsTheScenarioForAllOfThem() {
        RunResult first = run(scenario("echo", failed("raw TCP"), ok("netty")));
        List<StrictRecheck.Rerun> reruns = new ArrayList<>();

        StrictRecheck.failedAgain(first, IMPLS, r -> {
            reruns.add(r);
            return run(scenario("echo", ok("raw TCP")));
        });

        assertThat(reruns).singleElement().satisfies(r -> assertThat(r.impls()).isEqualTo(IMPLS));
    }

    @Test
    void noFailedRowRunsNothing() {
        RunResult first = run(scenario("timeouts", ok("java-websocket")));

        long again = StrictRecheck.failedAgain(first, IMPLS, r -> {
            throw new AssertionError("nothing to run again, yet " + r + " ran");
        });

        assertThat(again).isZero();
    }

    private static Row ok(String impl) {
        return new Row(impl, TimeoutsScenario.SLOW_TRICKLE, Status.OK, "", false,
                List.of(new Repetition(1, Map.of("close_p50", 1.0), Map.of())), List.of());
    }

    private static Row failed(String impl) {
        return new Row(impl, TimeoutsScenario.SLOW_TRICKLE, Status.FAILED, "1 connections still open", false,
                List.of(), List.of());
    }

    private static ScenarioResult scenario(String name, Row... rows) {
        return new ScenarioResult(name, "fabricated", List.of(), List.of(TimeoutsScenario.SLOW_TRICKLE),
                List.of(rows));
    }

    private static RunResult run(ScenarioResult... scenarios) {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of("netty", "Netty 4.2"), "netty (Netty 4.2)", "nginx/1.22.1", "template",
                new OpenFileLimit(20000, 20000), "", List.of("-Xmx1g"), List.of("-Xmx2g"), "mvn -pl bench verify", "");
        RunResult.Settings settings = new RunResult.Settings("smoke", 300, 300, 3, IMPLS, List.of(), "netty",
                "mvn -pl bench verify");
        return new RunResult("20260101-000000-smoke", "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", settings, env,
                List.of(), List.of(scenarios), "events {}\n");
    }
}
