package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.Figures.where;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notes' permessage-deflate advice, judged from the compression scenario: the server→client ratio (JSON bytes
 * over wire bytes, counted at the client's sockets) and the server's CPU per 1,000 round trips, per level.
 */
final class CompressionClaims {
    private static final String SCENARIO = "compression";
    private static final String RATIO = "ratio_down";
    private static final String CPU = "server_cpu_ms_per_1k";
    /** The size the level comparisons use: a typical notification. */
    private static final String TYPICAL = "~2 KiB JSON";
    private static final List<String> SIZES = List.of("~200 B JSON", TYPICAL, "~20 KiB JSON");
    /** Below this a difference in CPU per message is within what a shared 2-core machine scatters. */
    private static final double CLEAR_DIFFERENCE = 1.15;

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

    /** Level 6 ratio of every impl at every size: holds when all lie in 5–10, in part when some do. */
    static Verdict fiveToTen(RunResult run) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        List<String> parts = new ArrayList<>();
        int inRange = 0;
        int all = 0;
        for (String size : SIZES) {
            Map<String, Double> ratios = f.get().medians(RATIO, where("payload", size, "level", "6"));
            if (ratios.isEmpty()) {
                continue;
            }
            double min = ratios.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = ratios.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            all += ratios.size();
            inRange += (int) ratios.values().stream().filter(r -> r >= 5 && r <= 10).count();
            parts.add(size + " " + Format.number(min) + "–" + Format.number(max) + "×");
        }
        if (all == 0) {
            return Verdict.notMeasured("no impl measured level 6");
        }
        String figures = "server→client at level 6, lowest–highest impl: " + String.join(", ", parts);
        if (inRange == all) {
            return Verdict.holds(figures);
        }
        return inRange == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
    }

    /** Level 6 against off at the typical size: fewer bytes and more CPU for every impl. */
    static Verdict costsCpu(RunResult run) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        Map<String, Double> cpuOff = f.get().medians(CPU, where("payload", TYPICAL, "level", "off"));
        Map<String, Double> cpuOn = f.get().medians(CPU, where("payload", TYPICAL, "level", "6"));
        Map<String, Double> ratio = f.get().medians(RATIO, where("payload", TYPICAL, "level", "6"));
        List<String> parts = new ArrayList<>();
        int both = 0;
        int measured = 0;
        for (String impl : cpuOn.keySet()) {
            if (!cpuOff.containsKey(impl) || !ratio.containsKey(impl)) {
                continue;
            }
            measured++;
            double cpu = cpuOn.get(impl) / cpuOff.get(impl);
            both += cpu >= CLEAR_DIFFERENCE && ratio.get(impl) > 1.2 ? 1 : 0;
            parts.add(impl + " " + Format.number(ratio.get(impl)) + "× fewer bytes for ×" + Format.number(cpu)
                    + " CPU");
        }
        if (measured == 0) {
            return Verdict.notMeasured("no impl measured both off and level 6");
        }
        String figures = TYPICAL + ", level 6 vs off, server CPU per 1k round trips: " + String.join(", ", parts);
        if (both == measured) {
            return Verdict.holds(figures);
        }
        return both == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
    }

    /** Level 1 against 6 at the typical size: clearly cheaper, and how much of level 6's ratio it keeps. */
    static Verdict levelOne(RunResult run) {
        return against(run, "1", "6", "level 1 vs 6", true);
    }

    /** Level 9 against 6 at the typical size: clearly dearer, and what it gains in ratio. */
    static Verdict levelNine(RunResult run) {
        return against(run, "9", "6", "level 9 vs 6", false);
    }

    /** The raw-zlib row of deflate-jmh: encode time per message at {@code level} over {@code base}, 2 KiB. */
    private static Optional<Double> isolatedDeflate(RunResult run, String level, String base) {
        return Figures.of(run, "deflate-jmh").flatMap(jmh -> {
            Optional<Double> at = jmh.ceiling("us_per_msg", where("direction", "encode", "size", "2 KiB", "level", level));
            Optional<Double> atBase = jmh.ceiling("us_per_msg", where("direction", "encode", "size", "2 KiB",
                    "level", base));
            return at.isPresent() && atBase.isPresent() ? Optional.of(at.get() / atBase.get()) : Optional.empty();
        });
    }

    /**
     * @param cheaper whether the claim says {@code level} costs clearly less CPU than {@code base} (else more)
     */
    private static Verdict against(RunResult run, String level, String base, String what, boolean cheaper) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the compression scenario was not run");
        }
        Map<String, Double> cpu = f.get().medians(CPU, where("payload", TYPICAL, "level", level));
        Map<String, Double> cpuBase = f.get().medians(CPU, where("payload", TYPICAL, "level", base));
        Map<String, Double> ratio = f.get().medians(RATIO, where("payload", TYPICAL, "level", level));
        Map<String, Double> ratioBase = f.get().medians(RATIO, where("payload", TYPICAL, "level", base));
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
            boolean clear = cheaper ? cpuFactor * CLEAR_DIFFERENCE <= 1 : cpuFactor >= CLEAR_DIFFERENCE;
            agree += clear ? 1 : 0;
            parts.add(impl + " CPU ×" + Format.number(cpuFactor) + ", ratio ×" + Format.number(ratioFactor));
        }
        if (measured == 0) {
            return Verdict.notMeasured("no impl measured levels " + level + " and " + base);
        }
        String figures = TYPICAL + ", " + what + " (server CPU per 1k round trips; a difference under "
                + Math.round((CLEAR_DIFFERENCE - 1) * 100) + "% counts as none): " + String.join(", ", parts);
        Optional<Double> isolated = isolatedDeflate(run, level, base);
        if (isolated.isPresent()) {
            figures += "; deflate alone (deflate-jmh, raw zlib encode of 2 KiB): time ×"
                    + Format.number(isolated.get());
        }
        boolean isolatedAgrees = isolated.map(x -> cheaper ? x * CLEAR_DIFFERENCE <= 1 : x >= CLEAR_DIFFERENCE)
                .orElse(false);
        if (agree == measured) {
            return Verdict.holds(figures);
        }
        return agree == 0 && !isolatedAgrees ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
    }
}
