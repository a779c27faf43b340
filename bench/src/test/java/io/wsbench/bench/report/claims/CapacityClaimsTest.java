package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.DesignClaims.FEW_KB;
import static io.wsbench.bench.report.claims.DesignClaims.VM_CLIENTS;
import static io.wsbench.bench.report.claims.FabricatedRuns.failed;
import static io.wsbench.bench.report.claims.FabricatedRuns.ok;
import static io.wsbench.bench.report.claims.FabricatedRuns.run;
import static io.wsbench.bench.report.claims.FabricatedRuns.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.report.claims.Verdict.Judgement;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.scenario.CapacityScenario;
import io.wsbench.bench.scenario.ScaleScenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "One connection costs a few kilobytes, so 50,000 clients fit on one ordinary VM", on both sides of each bound. */
class CapacityClaimsTest {
    private static final double HELD = VM_CLIENTS.value();

    @Test
    void holdsWhenEveryImplStaysWithinAFewKbAndTheRunHeldFiftyThousand() {
        Verdict v = judge(idle("netty", FEW_KB.value(), HELD), idle("jetty", 3_000, HELD));
        assertThat(v.judgement()).isEqualTo(Judgement.HOLDS);
        assertThat(v.figures()).contains("netty 16 KiB", "jetty 2.93 KiB", "50,000 held at once for real:",
                "netty in capacity, one server: at most 781 MiB");
    }

    @Test
    void oneImplOverAFewKbHoldsInPart() {
        Verdict v = judge(idle("netty", FEW_KB.value(), HELD), idle("jetty", FEW_KB.value() + 1, HELD));
        assertThat(v.judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void everyImplOverAFewKbDoesNotHoldEvenWhenExtrapolated() {
        Verdict v = judge(idle("netty", FEW_KB.value() + 1, 10_000));
        assertThat(v.judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void heldOneShortOfFiftyThousandIsExtrapolatedAndShowsTheMultiplication() {
        Verdict v = judge(idle("netty", 4_096, HELD - 1), idle("jetty", 2_048, HELD - 1));
        assertThat(v.judgement()).isEqualTo(Judgement.EXTRAPOLATED);
        assertThat(v.figures()).contains("capacity held 49,999", "4 KiB × 50,000 = 195 MiB");
    }

    @Test
    void fiftyThousandHeldThroughNginxInTheScaleScenarioForEveryImplHolds() {
        Verdict v = judge(List.of(idle("netty", 6_000, 10_000), idle("jetty", 9_000, 10_000)),
                scale("netty", HELD, 2_354), scale("jetty", HELD, 2_641));
        assertThat(v.judgement()).isEqualTo(Judgement.HOLDS);
        assertThat(v.figures()).contains("netty through nginx in the scale scenario, 2.3 GiB RSS of replicas + nginx"
                + " + broker").doesNotContain("multiplied");
    }

    @Test
    void implsTheScaleScenarioDidNotHoldAreMultipliedAndTheClaimHoldsInPart() {
        Verdict v = judge(List.of(idle("netty", 6_000, 10_000), idle("jetty", 12_000, 10_000)),
                scale("netty", HELD, 2_354), scale("jetty", HELD - 2_000, 2_000));
        assertThat(v.judgement()).isEqualTo(Judgement.PARTLY);
        assertThat(v.figures()).contains("netty through nginx", "jetty: 50,000 not held in this run",
                "11.7 KiB × 50,000 = 572 MiB");
    }

    @Test
    void fiftyThousandHeldInMoreThanAnOrdinaryVmDoesNotHold() {
        double mib = DesignClaims.VM_MEMORY.value() / (1024 * 1024) + 1;
        Verdict v = judge(List.of(idle("netty", 6_000, 10_000)), scale("netty", HELD, mib));
        assertThat(v.judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        assertThat(v.figures()).contains("more than 4 GiB");
    }

    @Test
    void theScaleVariantJudgedIsOneTheScenarioMeasures() {
        assertThat(new ScaleScenario().variants(Profile.QUICK))
                .contains(ScaleScenario.variant(ScaleScenario.SPREAD, (int) HELD));
    }

    /** The scale scenario's row at 50,000 through nginx: connections held and the total RSS in MiB. */
    private static Row scale(String impl, double held, double rssMib) {
        return ok(impl, ScaleScenario.variant(ScaleScenario.SPREAD, (int) HELD), Map.of(ScaleScenario.HELD, held,
                ScaleScenario.RSS, rssMib, ScaleScenario.RSS_REPLICAS, rssMib / 2, ScaleScenario.RSS_NGINX,
                rssMib / 2, ScaleScenario.RSS_PER_CONN, 28_000.0));
    }

    private static Verdict judge(List<Row> capacity, Row... scale) {
        RunResult run = run(scenario(CapacityScenario.NAME, capacity), scenario(ScaleScenario.NAME, List.of(scale)));
        return DesignClaims.fewKilobytesPerConnection(run);
    }

    @Test
    void deflatesCostIsARemarkNotTheVerdict() {
        Row deflated = ok("netty", CapacityScenario.variant(true, CapacityScenario.BUSY),
                Map.of(CapacityScenario.FOOTPRINT, 110_000.0, CapacityScenario.OPENED, HELD));
        Verdict v = judge(idle("netty", 2_000, HELD), deflated);
        assertThat(v.judgement()).isEqualTo(Judgement.HOLDS);
        assertThat(v.figures()).contains("Busy with permessage-deflate up to 107 KiB (netty)");
    }

    @Test
    void failedRowsAndAMissingScenarioAreNotMeasured() {
        assertThat(DesignClaims.fewKilobytesPerConnection(run()).judgement()).isEqualTo(Judgement.NOT_MEASURED);
        assertThat(judge(failed("netty", CapacityScenario.variant(false, CapacityScenario.IDLE))).judgement())
                .isEqualTo(Judgement.NOT_MEASURED);
    }

    @Test
    void theVariantsJudgedAreOnesTheScenarioMeasures() {
        assertThat(new CapacityScenario().variants(Profile.QUICK)).contains(
                CapacityScenario.variant(false, CapacityScenario.IDLE), CapacityScenario.variant(true, CapacityScenario.BUSY));
    }

    /** An idle connection without deflate: its footprint in bytes, connections held. */
    private static Row idle(String impl, double footprint, double opened) {
        return ok(impl, CapacityScenario.variant(false, CapacityScenario.IDLE),
                Map.of(CapacityScenario.FOOTPRINT, footprint, CapacityScenario.OPENED, opened));
    }

    private static Verdict judge(Row... rows) {
        RunResult run = run(scenario(CapacityScenario.NAME, List.of(rows)));
        return DesignClaims.fewKilobytesPerConnection(run);
    }
}
