package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.FabricatedRuns.failed;
import static io.wsbench.bench.report.claims.FabricatedRuns.ok;
import static io.wsbench.bench.report.claims.FabricatedRuns.run;
import static io.wsbench.bench.report.claims.FabricatedRuns.scenario;
import static io.wsbench.bench.report.claims.MessageSizeClaims.CLEARLY_MORE_MEMORY;
import static io.wsbench.bench.report.claims.MessageSizeClaims.INTACT;
import static io.wsbench.bench.scenario.MessageSizeScenario.DEFAULT_LABEL;
import static io.wsbench.bench.scenario.MessageSizeScenario.DEFAULT_LIMIT;
import static io.wsbench.bench.scenario.MessageSizeScenario.MIB;
import static io.wsbench.bench.scenario.MessageSizeScenario.RAISED_LABEL;
import static io.wsbench.bench.scenario.MessageSizeScenario.RAISED_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.report.claims.Verdict.Judgement;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.MessageSizeScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The message-size claims, on both sides of each bound. */
class MessageSizeClaimsTest {
    private static final Variant TEXT_50 = MessageSizeScenario.variant(RAISED_LABEL, true, Route.DIRECT, RAISED_LIMIT);
    private static final Variant BINARY_50 = MessageSizeScenario.variant(RAISED_LABEL, false, Route.DIRECT,
            RAISED_LIMIT);

    @Test
    void readLimitHoldsWhenEveryCellClosesWith1009() {
        assertThat(MessageSizeClaims.readLimitRefuses(overLimit(1009, 1009)).judgement()).isEqualTo(Judgement.HOLDS);
    }

    @Test
    void readLimitHoldsInPartWhenACellClosesOtherwise() {
        Verdict v = MessageSizeClaims.readLimitRefuses(overLimit(1009, 1006));
        assertThat(v.judgement()).isEqualTo(Judgement.PARTLY);
        assertThat(v.figures()).contains("in 4 of 8", "jetty: default 64 KiB, text direct, 64 KiB + 1 B 1006");
    }

    @Test
    void readLimitDoesNotHoldWhenNoCellClosesWith1009() {
        assertThat(MessageSizeClaims.readLimitRefuses(overLimit(1000, 1006)).judgement())
                .isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void nginxCutsDoesNotHoldWhenEveryBigMessageArrivesIntact() {
        assertThat(MessageSizeClaims.nginxCutsAtOneMb(throughNginx(INTACT.value())).judgement())
                .isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void nginxCutsHoldsWhenNoBigMessageArrivesWhole() {
        assertThat(MessageSizeClaims.nginxCutsAtOneMb(throughNginx(INTACT.value() - 0.1)).judgement())
                .isEqualTo(Judgement.HOLDS);
    }

    @Test
    void nginxCutsHoldsInPartWhenSomeArrive() {
        RunResult run = run(scenario(MessageSizeScenario.NAME, List.of(
                intact("netty", MessageSizeScenario.variant(RAISED_LABEL, true, Route.NGINX, 50 * MIB), 100),
                intact("netty", MessageSizeScenario.variant(RAISED_LABEL, false, Route.NGINX, 10 * MIB), 0),
                intact("netty", MessageSizeScenario.variant(RAISED_LABEL, true, Route.NGINX, MIB), 100))));
        Verdict v = MessageSizeClaims.nginxCutsAtOneMb(run);
        assertThat(v.judgement()).isEqualTo(Judgement.PARTLY);
        assertThat(v.figures()).contains("1 of 2 impl × message cells");
    }

    @Test
    void textCostsMoreComparesWholeMemoryNotHeapAlone() {
        // Netty's case: the binary message lives off-heap, so heap alone shows text at 100× binary.
        Verdict v = MessageSizeClaims.textCostsMore(bigMessages(memory("netty", 100, 100, 1, 100)));
        assertThat(v.judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        assertThat(v.figures()).contains("netty 100 / 100 vs 1 / 100 MiB");
    }

    @Test
    void textCostsMoreHoldsInPartAtClearlyMoreMemoryAndNotJustUnder() {
        double binary = 100;
        Verdict dearer = MessageSizeClaims.textCostsMore(bigMessages(
                memory("netty", 10, binary * CLEARLY_MORE_MEMORY.value(), 0, binary)));
        assertThat(dearer.judgement()).isEqualTo(Judgement.PARTLY);
        assertThat(dearer.figures()).startsWith("no hard limit: ");
        Verdict notQuite = MessageSizeClaims.textCostsMore(bigMessages(memory("netty", 119, 10, binary, 0)));
        assertThat(notQuite.judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
    }

    @Test
    void textCostsMoreJudgesTheLargestSizeTheRunEchoed() {
        // a quick run stops at 10 MiB
        Variant text = MessageSizeScenario.variant(RAISED_LABEL, true, Route.DIRECT, 10 * MIB);
        Variant binary = MessageSizeScenario.variant(RAISED_LABEL, false, Route.DIRECT, 10 * MIB);
        Verdict v = MessageSizeClaims.textCostsMore(bigMessages(List.of(
                ok("netty", text, Map.of(MessageSizeScenario.HEAP_GROWTH, 30.0, MessageSizeScenario.RSS_GROWTH,
                        30.0, MessageSizeScenario.INTACT, 100.0)),
                ok("netty", binary, Map.of(MessageSizeScenario.HEAP_GROWTH, 10.0, MessageSizeScenario.RSS_GROWTH,
                        10.0, MessageSizeScenario.INTACT, 100.0)))));
        assertThat(v.judgement()).isEqualTo(Judgement.PARTLY);
        assertThat(v.figures()).startsWith("no hard limit: 10 MiB text and binary");
    }

    @Test
    void textCostsMoreNeedsMoreThanHalfTheImpls() {
        List<Row> half = new ArrayList<>();
        half.addAll(memory("netty", 200, 200, 100, 100));
        half.addAll(memory("jetty", 100, 100, 100, 100));
        assertThat(MessageSizeClaims.textCostsMore(bigMessages(half)).judgement()).isEqualTo(Judgement.DOES_NOT_HOLD);
        half.addAll(memory("undertow", 200, 200, 100, 100));
        assertThat(MessageSizeClaims.textCostsMore(bigMessages(half)).judgement()).isEqualTo(Judgement.PARTLY);
    }

    @Test
    void missingScenarioAndFailedRowsAreNotMeasured() {
        RunResult failedRows = run(scenario(MessageSizeScenario.NAME, List.of(failed("netty", TEXT_50),
                failed("netty", BINARY_50),
                failed("netty", MessageSizeScenario.variant(DEFAULT_LABEL, true, Route.DIRECT, DEFAULT_LIMIT + 1)),
                failed("netty", MessageSizeScenario.variant(RAISED_LABEL, true, Route.NGINX, RAISED_LIMIT)))));
        for (RunResult run : List.of(run(), failedRows)) {
            assertThat(MessageSizeClaims.readLimitRefuses(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            assertThat(MessageSizeClaims.nginxCutsAtOneMb(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
            assertThat(MessageSizeClaims.textCostsMore(run).judgement()).isEqualTo(Judgement.NOT_MEASURED);
        }
    }

    @Test
    void theVariantsJudgedAreOnesTheScenarioMeasures() {
        List<Variant> full = new MessageSizeScenario().variants(Profile.FULL);
        assertThat(full).contains(TEXT_50, BINARY_50,
                MessageSizeScenario.variant(DEFAULT_LABEL, false, Route.NGINX, DEFAULT_LIMIT + 1),
                MessageSizeScenario.variant(RAISED_LABEL, false, Route.NGINX, RAISED_LIMIT));
        // quick stops at 10 MiB; the claims judge the largest size over 1 MiB the run has
        assertThat(new MessageSizeScenario().variants(Profile.QUICK)).contains(
                MessageSizeScenario.variant(RAISED_LABEL, true, Route.DIRECT, 10 * MIB),
                MessageSizeScenario.variant(RAISED_LABEL, false, Route.NGINX, 10 * MIB));
    }

    /** READ_LIMIT + 1 in every message × route cell: netty closes with one code, jetty with the other. */
    private static RunResult overLimit(double nettyCode, double jettyCode) {
        List<Row> rows = new ArrayList<>();
        for (Route route : MessageSizeScenario.ROUTES) {
            for (boolean text : MessageSizeScenario.TEXT_THEN_BINARY) {
                Variant v = MessageSizeScenario.variant(DEFAULT_LABEL, text, route, DEFAULT_LIMIT + 1);
                rows.add(ok("netty", v, Map.of(MessageSizeScenario.CLOSE_CODE, nettyCode)));
                rows.add(ok("jetty", v, Map.of(MessageSizeScenario.CLOSE_CODE, jettyCode)));
            }
        }
        return run(scenario(MessageSizeScenario.NAME, rows));
    }

    /** 50 MiB text and binary through nginx, raised limit, this share intact; 1 MiB cells broken (not judged). */
    private static RunResult throughNginx(double intactPct) {
        List<Row> rows = new ArrayList<>();
        for (boolean text : MessageSizeScenario.TEXT_THEN_BINARY) {
            rows.add(intact("netty", MessageSizeScenario.variant(RAISED_LABEL, text, Route.NGINX, RAISED_LIMIT),
                    intactPct));
            rows.add(intact("netty", MessageSizeScenario.variant(RAISED_LABEL, text, Route.NGINX, MIB), 0));
        }
        return run(scenario(MessageSizeScenario.NAME, rows));
    }

    private static Row intact(String impl, Variant v, double pct) {
        return ok(impl, v, Map.of(MessageSizeScenario.INTACT, pct));
    }

    /** One impl's 50 MiB text and binary, direct: heap and RSS growth in MiB, every echo intact. */
    private static List<Row> memory(String impl, double textHeap, double textRss, double binaryHeap,
                                    double binaryRss) {
        return List.of(
                ok(impl, TEXT_50, Map.of(MessageSizeScenario.HEAP_GROWTH, textHeap, MessageSizeScenario.RSS_GROWTH,
                        textRss, MessageSizeScenario.INTACT, 100.0, MessageSizeScenario.ROUND_TRIP, 1000.0)),
                ok(impl, BINARY_50, Map.of(MessageSizeScenario.HEAP_GROWTH, binaryHeap,
                        MessageSizeScenario.RSS_GROWTH, binaryRss, MessageSizeScenario.INTACT, 100.0,
                        MessageSizeScenario.ROUND_TRIP, 500.0)));
    }

    private static RunResult bigMessages(List<Row> rows) {
        return run(scenario(MessageSizeScenario.NAME, rows));
    }
}
