package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.FabricatedRuns.failed;
import static io.wsbench.bench.report.claims.FabricatedRuns.ok;
import static io.wsbench.bench.report.claims.FabricatedRuns.run;
import static io.wsbench.bench.report.claims.FabricatedRuns.scenario;
import static io.wsbench.bench.report.claims.TimeoutClaims.CAUGHT;
import static io.wsbench.bench.report.claims.TimeoutClaims.NOT_EARLY;
import static io.wsbench.bench.report.claims.TimeoutClaims.ON_TIME;
import static io.wsbench.bench.report.claims.TimeoutClaims.SURVIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.report.claims.Verdict.Judgement;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.TimeoutsScenario;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ping/pong, proxy timeout and write-deadline claims, on both sides of each bound. */
class TimeoutClaimsTest {

    @Test
    void nginxCutsIdleHoldsBetweenNotEarlyAndOnTime() {
        RunResult run = timeouts(TimeoutsScenario.IDLE_NO_PINGS, TimeoutsScenario.CLOSE_P50, NOT_EARLY.value(),
                ON_TIME.value());
        assertThat(TimeoutClaims.nginxCutsIdle(run).judgement()).isEqualTo(Judgement.HOLDS);
    }

    @Test
    void nginxCutsIdleDoesNotHoldJustOutsideEitherBound() {
        RunResult run = timeouts(TimeoutsScenario.IDLE_NO_PINGS, TimeoutsScenario.CLOSE_P50,
                NOT_EARLY.value() - 0.01, ON_TIME.value() + 0.01);
        assertThat(TimeoutClaims.nginxCutsIdle(run).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        RunResult mixed = timeouts(TimeoutsScenario.IDLE_NO_PINGS, TimeoutsScenario.CLOSE_P50, 1,
                ON_TIME.value() + 0.01);
        assertThat(TimeoutClaims.nginxCutsIdle(mixed).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void readTimeoutAbovePongWaitDoesNotHoldWhenEveryIdleTunnelSurvives() {
        RunResult run = timeouts(TimeoutsScenario.IDLE_PINGS, TimeoutsScenario.SURVIVED, SURVIVED.value(),
                SURVIVED.value());
        assertThat(TimeoutClaims.readTimeoutAbovePongWait(run).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void readTimeoutAbovePongWaitHoldsWhenTunnelsAreLostAndInPartWhenSomeAre() {
        RunResult lost = timeouts(TimeoutsScenario.IDLE_PINGS, TimeoutsScenario.SURVIVED, SURVIVED.value() - 1,
                0);
        assertThat(TimeoutClaims.readTimeoutAbovePongWait(lost).judgement()).isEqualTo(Judgement.HOLDS);
        RunResult some = timeouts(TimeoutsScenario.IDLE_PINGS, TimeoutsScenario.SURVIVED, SURVIVED.value(),
                SURVIVED.value() - 1);
        assertThat(TimeoutClaims.readTimeoutAbovePongWait(some).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void deadPeerHoldsUpToOnTimeAndNotBeyond() {
        RunResult onTime = timeouts(TimeoutsScenario.DEAD_DIRECT, TimeoutsScenario.CLOSE_P99, ON_TIME.value(), 1);
        assertThat(TimeoutClaims.deadPeerAtPongWait(onTime).judgement()).isEqualTo(Judgement.HOLDS);
        RunResult late = timeouts(TimeoutsScenario.DEAD_DIRECT, TimeoutsScenario.CLOSE_P99, ON_TIME.value() + 0.01,
                ON_TIME.value() + 0.01);
        assertThat(TimeoutClaims.deadPeerAtPongWait(late).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        RunResult one = timeouts(TimeoutsScenario.DEAD_DIRECT, TimeoutsScenario.CLOSE_P99, 1, ON_TIME.value() + 0.01);
        assertThat(TimeoutClaims.deadPeerAtPongWait(one).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void deadPeersThroughNginxDoNotDecideTheDirectClaim() {
        RunResult run = timeouts(TimeoutsScenario.DEAD_NGINX, TimeoutsScenario.CLOSE_P99, 1, 1);
        assertThat(TimeoutClaims.deadPeerAtPongWait(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
    }

    @Test
    void writeDeadlineHoldsFromCaughtAndNotJustUnder() {
        RunResult caught = timeouts(TimeoutsScenario.SLOW_TRICKLE, TimeoutsScenario.BY_WRITE_WAIT, CAUGHT.value(),
                100);
        assertThat(TimeoutClaims.writeDeadlineCloses(caught).judgement()).isEqualTo(Judgement.HOLDS);
        RunResult missed = timeouts(TimeoutsScenario.SLOW_TRICKLE, TimeoutsScenario.BY_WRITE_WAIT,
                CAUGHT.value() - 0.1, 0);
        assertThat(TimeoutClaims.writeDeadlineCloses(missed).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        RunResult half = timeouts(TimeoutsScenario.SLOW_TRICKLE, TimeoutsScenario.BY_WRITE_WAIT, 100, 0);
        assertThat(TimeoutClaims.writeDeadlineCloses(half).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void missingScenarioAndFailedRowsAreNotMeasured() {
        RunResult failedRows = run(scenario(TimeoutsScenario.NAME, List.of(
                failed("netty", TimeoutsScenario.IDLE_NO_PINGS), failed("netty", TimeoutsScenario.IDLE_PINGS),
                failed("netty", TimeoutsScenario.DEAD_DIRECT), failed("netty", TimeoutsScenario.SLOW_TRICKLE))));
        List<Function<RunResult, Verdict>> judges = List.of(TimeoutClaims::nginxCutsIdle,
                TimeoutClaims::readTimeoutAbovePongWait, TimeoutClaims::deadPeerAtPongWait,
                TimeoutClaims::writeDeadlineCloses);
        for (RunResult run : List.of(run(), failedRows)) {
            for (Function<RunResult, Verdict> judge : judges) {
                assertThat(judge.apply(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            }
        }
    }

    @Test
    void theVariantsJudgedAreOnesTheScenarioMeasures() {
        assertThat(new TimeoutsScenario().variants(Profile.QUICK)).contains(TimeoutsScenario.IDLE_NO_PINGS,
                TimeoutsScenario.IDLE_PINGS, TimeoutsScenario.DEAD_DIRECT, TimeoutsScenario.DEAD_NGINX,
                TimeoutsScenario.SLOW_TRICKLE);
    }

    /** Netty and jetty in one case, each with one figure of {@code metric}. */
    private static RunResult timeouts(Variant variant, Metric metric, double netty, double jetty) {
        List<Row> rows = List.of(ok("netty", variant, Map.of(metric, netty)), ok("jetty", variant,
                Map.of(metric, jetty)));
        return run(scenario(TimeoutsScenario.NAME, rows));
    }
}
