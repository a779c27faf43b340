package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.scenario.CompressionScenario;
import io.wsbench.bench.scenario.DeflateJmhScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notes' permessage-deflate advice, judged from the compression scenario: the server→client ratio (JSON bytes
 * over wire bytes, counted at the client's sockets) and the server's CPU per 1,000 round trips, per level.
 */
final class CompressionClaims {
    static final Threshold RATIO_LOW = Threshold.factor("5–10× from", 5,
            "the lowest server→client ratio at level 6 that counts as the notes' 5–10×");
    static final Threshold RATIO_HIGH = Threshold.factor("5–10× up to", 10,
            "the highest server→client ratio at level 6 that counts as the notes' 5–10×");
    static final Threshold CLEAR_DIFFERENCE = Threshold.factor("clear CPU difference", 1.15,
            "server CPU per message must differ by at least this factor (15%) between two levels to count: less"
                    + " is what a shared 2-core machine scatters");
    static final Threshold SAVES_TRAFFIC = Threshold.factor("saves traffic", 1.2,
            "level 6 saves traffic when its server→client ratio is at least this");

    /** Off, in the scenario's levels. */
    static final int OFF = 0;
    /** The level the others are compared with: zlib's default, and the notes' middle. */
    static final int BASE_LEVEL = 6;
    /** The size the level comparisons use: a typical notification. */
    static final int TYPICAL = 2 * 1024;

    private CompressionClaims() {
    }

    static List<Claim> all() {
        return List.of(
                new Claim("Text and JSON compress 5–10× with permessage-deflate.",
                        "002: «Текстовые данные (JSON, логи) сжимаются в 5–10 раз»", CompressionClaims::fiveToTen),
                new Claim("Compression saves traffic but loads the CPU.",
                        "002: «Сжатие данных экономит трафик, но нагружает CPU»", CompressionClaims::costsCpu),
                new Claim("Level 1 costs the least CPU and shrinks less; with many clients use level 1 (or 2).",
                        "002: «1 (BestSpeed) Минимум нагрузки на CPU, но размер уменьшится не сильно», «Если клиентов"
                                + " много: ставьте 1»", CompressionClaims::levelOne),
                new Claim("Level 9 compresses most but loads the CPU heavily.",
                        "002: «9 (BestCompression) Максимальное сжатие, но сильная нагрузка на CPU»",
                        CompressionClaims::levelNine));
    }

    static List<Threshold> thresholds() {
        return List.of(RATIO_LOW, RATIO_HIGH, CLEAR_DIFFERENCE, SAVES_TRAFFIC);
    }

    /** Level 6 ratio of every impl at every size: holds when all lie in 5–10, in part when some do. */
    static Verdict fiveToTen(RunResult run) {
        Optional<Figures> f = Figures.of(run, CompressionScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        List<String> parts = new ArrayList<>();
        int inRange = 0;
        int all = 0;
        for (int size : JsonNotifications.SIZES) {
            Map<String, Double> ratios = f.get().medians(CompressionScenario.RATIO_DOWN,
                    CompressionScenario.echoVariant(size, BASE_LEVEL));
            if (ratios.isEmpty()) {
                continue;
            }
            double min = ratios.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = ratios.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            all += ratios.size();
            inRange += (int) ratios.values().stream()
                    .filter(r -> r >= RATIO_LOW.value() && r <= RATIO_HIGH.value()).count();
            parts.add(payload(size) + " " + Format.number(min) + "–" + Format.number(max) + "×");
        }
        if (all == 0) {
            return Verdict.notMeasured("no impl measured level " + BASE_LEVEL);
        }
        return Verdict.byCount(inRange, all, "server→client at level " + BASE_LEVEL + ", lowest–highest impl: "
                + String.join(", ", parts));
    }

    /** Level 6 against off at the typical size: fewer bytes and more CPU for every impl. */
    static Verdict costsCpu(RunResult run) {
        Optional<Figures> f = Figures.of(run, CompressionScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        Map<String, Double> cpuOff = typical(f.get(), CompressionScenario.CPU_PER_1K, OFF);
        Map<String, Double> cpuOn = typical(f.get(), CompressionScenario.CPU_PER_1K, BASE_LEVEL);
        Map<String, Double> ratio = typical(f.get(), CompressionScenario.RATIO_DOWN, BASE_LEVEL);
        List<String> parts = new ArrayList<>();
        int both = 0;
        int measured = 0;
        for (String impl : cpuOn.keySet()) {
            if (!cpuOff.containsKey(impl) || !ratio.containsKey(impl)) {
                continue;
            }
            measured++;
            double cpu = cpuOn.get(impl) / cpuOff.get(impl);
            both += cpu >= CLEAR_DIFFERENCE.value() && ratio.get(impl) >= SAVES_TRAFFIC.value() ? 1 : 0;
            parts.add(impl + " " + Format.number(ratio.get(impl)) + "× fewer bytes for ×" + Format.number(cpu)
                    + " CPU");
        }
        if (measured == 0) {
            return Verdict.notMeasured("no impl measured both off and level " + BASE_LEVEL);
        }
        return Verdict.byCount(both, measured, payload(TYPICAL) + ", level " + BASE_LEVEL
                + " vs off, server CPU per 1k round trips: " + String.join(", ", parts));
    }

    /** Level 1 against 6 at the typical size: clearly cheaper, and how much of level 6's ratio it keeps. */
    static Verdict levelOne(RunResult run) {
        return against(run, 1, true);
    }

    /** Level 9 against 6 at the typical size: clearly dearer, and what it gains in ratio. */
    static Verdict levelNine(RunResult run) {
        return against(run, 9, false);
    }

    /** {@code metric} by impl for the typical notification at {@code level}. */
    private static Map<String, Double> typical(Figures compression, Metric metric, int level) {
        return compression.medians(metric, CompressionScenario.echoVariant(TYPICAL, level));
    }

    /** The scenario's own label of a size: {@code ~2 KiB JSON}. */
    private static String payload(int size) {
        return CompressionScenario.echoVariant(size, BASE_LEVEL).get(CompressionScenario.PAYLOAD);
    }

    /** The raw-zlib row of deflate-jmh: encode time per message at {@code level} over the base level's. */
    private static Optional<Double> isolatedDeflate(RunResult run, int level) {
        return Figures.of(run, DeflateJmhScenario.NAME).flatMap(jmh -> {
            Optional<Double> at = jmh.ceiling(DeflateJmhScenario.TIME,
                    DeflateJmhScenario.variant(DeflateJmhScenario.ENCODE, TYPICAL, level));
            Optional<Double> atBase = jmh.ceiling(DeflateJmhScenario.TIME,
                    DeflateJmhScenario.variant(DeflateJmhScenario.ENCODE, TYPICAL, BASE_LEVEL));
            return at.isPresent() && atBase.isPresent() ? Optional.of(at.get() / atBase.get()) : Optional.empty();
        });
    }

    private static String deflateAlone(double timeFactor) {
        return "; deflate alone (deflate-jmh, raw zlib encode of " + Format.bytes(TYPICAL) + "): time ×"
                + Format.number(timeFactor);
    }

    /** Whether a CPU factor is a clear difference in the claimed direction. */
    private static boolean clear(double factor, boolean cheaper) {
        return cheaper ? factor * CLEAR_DIFFERENCE.value() <= 1 : factor >= CLEAR_DIFFERENCE.value();
    }

    /**
     * Holds when every server shows the difference, in part when some do, only in isolation when none does but
     * deflate measured alone (deflate-jmh's raw zlib) does.
     *
     * @param cheaper whether the claim says {@code level} costs clearly less CPU than the base level (else more)
     */
    private static Verdict against(RunResult run, int level, boolean cheaper) {
        Optional<Figures> f = Figures.of(run, CompressionScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        Map<String, Double> cpu = typical(f.get(), CompressionScenario.CPU_PER_1K, level);
        Map<String, Double> cpuBase = typical(f.get(), CompressionScenario.CPU_PER_1K, BASE_LEVEL);
        Map<String, Double> ratio = typical(f.get(), CompressionScenario.RATIO_DOWN, level);
        Map<String, Double> ratioBase = typical(f.get(), CompressionScenario.RATIO_DOWN, BASE_LEVEL);
        List<String> parts = new ArrayList<>();
        int agree = 0;
        int measured = 0;
        for (String impl : cpu.keySet()) {
            if (!cpuBase.containsKey(impl) || !ratio.containsKey(impl) || !ratioBase.containsKey(impl)) {
                continue;
            }
            measured++;
            double cpuFactor = cpu.get(impl) / cpuBase.get(impl);
            double ratioFactor = ratio.get(impl) / ratioBase.get(impl);
            agree += clear(cpuFactor, cheaper) ? 1 : 0;
            parts.add(impl + " CPU ×" + Format.number(cpuFactor) + ", ratio ×" + Format.number(ratioFactor));
        }
        Optional<Double> isolated = isolatedDeflate(run, level);
        if (measured == 0) {
            // quick measures the servers at off and 6 only; deflate alone still shows the level's cost
            return Verdict.notMeasured("no server measured levels " + level + " and " + BASE_LEVEL + " in this run"
                    + isolated.map(CompressionClaims::deflateAlone).orElse(""));
        }
        String figures = payload(TYPICAL) + ", level " + level + " vs " + BASE_LEVEL + " (server CPU per 1k round"
                + " trips; a difference under " + CLEAR_DIFFERENCE.shown() + " counts as none): " + String.join(", ", parts);
        figures += isolated.map(CompressionClaims::deflateAlone).orElse("");
        if (agree == 0 && isolated.map(x -> clear(x, cheaper)).orElse(false)) {
            return Verdict.inIsolation(figures);
        }
        return Verdict.byCount(agree, measured, figures);
    }
}
