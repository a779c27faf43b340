package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.CapacityScenario;
import io.wsbench.bench.scenario.ScaleScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The design notes' rules of thumb that wsbench measures (issue 5: "each claim, the figure, holds / does not"),
 * each judged from the run's own scenario results, so the table in results/README.md is regenerated with every
 * run like the rest of the report. A claim whose scenario was not run says so instead of guessing.
 */
public final class DesignClaims {
    static final Threshold FEW_KB = Threshold.bytes("a few KB", 16 * 1024,
            "\"a few kilobytes\" read generously: the most one idle connection may cost, heap and native together");
    static final Threshold VM_CLIENTS = Threshold.count("clients on one VM", 50_000,
            "the notes' count; for an impl no scenario held this many for real (the scale scenario through nginx,"
                    + " or capacity), the claim multiplies the per-connection figure up to it and reads"
                    + " \"extrapolated\", or \"holds in part\" beside impls that were held");
    static final Threshold VM_MEMORY = Threshold.bytes("an ordinary VM", 4.0 * 1024 * 1024 * 1024,
            "a small cloud VM's memory (2 vCPU, 4 GiB): what 50,000 connections held for real may take, replicas,"
                    + " nginx and the broker together");

    private DesignClaims() {
    }

    public static List<Claim> all() {
        List<Claim> all = new ArrayList<>();
        all.add(new Claim("One connection costs a few kilobytes, so 50,000 clients fit on one ordinary VM.",
                "002: «одна горутина занимает всего несколько килобайт памяти», «50 000 активных клиентов на одной"
                        + " стандартной виртуальной машине»", DesignClaims::fewKilobytesPerConnection));
        all.addAll(CompressionClaims.all());
        all.addAll(MessageSizeClaims.all());
        all.addAll(TimeoutClaims.all());
        return all;
    }

    /** Every bound a judge compares with, for the claims table's legend. */
    public static List<Threshold> thresholds() {
        List<Threshold> all = new ArrayList<>(List.of(FEW_KB, VM_CLIENTS, VM_MEMORY));
        all.addAll(CompressionClaims.thresholds());
        all.addAll(MessageSizeClaims.thresholds());
        all.addAll(TimeoutClaims.thresholds());
        return all;
    }

    /**
     * Capacity without deflate, idle: the footprint per connection (the RSS growth a user provisions for) for every
     * impl, busy connections with deflate as a remark. The 50,000 is measured where the scale scenario held that
     * many through nginx (its total RSS against {@link #VM_MEMORY}), or where capacity itself held them; for every
     * other impl it is the per-connection figure multiplied, and the verdict says which is which.
     */
    static Verdict fewKilobytesPerConnection(RunResult run) {
        Optional<Figures> capacity = Figures.of(run, CapacityScenario.NAME);
        if (capacity.isEmpty()) {
            return Verdict.notMeasured("the capacity scenario was not run");
        }
        Map<String, Double> off = perConnection(capacity.get(), false);
        if (off.isEmpty()) {
            return Verdict.notMeasured("no impl measured in capacity");
        }
        Map<String, Double> on = perConnection(capacity.get(), true);
        long within = off.values().stream().filter(b -> b <= FEW_KB.value()).count();
        String clients = VM_CLIENTS.shown();
        StringBuilder figures = new StringBuilder("footprint (RSS growth, what to provision) per idle connection: ");
        figures.append(String.join(", ", off.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.size(e.getValue())).toList()));
        figures.append(" (").append(within).append(" of ").append(off.size()).append(" within ")
                .append(FEW_KB.shown()).append(")");
        Map<String, HeldForReal> real = heldForReal(run, capacity.get());
        if (!real.isEmpty()) {
            figures.append("; ").append(clients).append(" held at once for real: ").append(String.join("; ",
                    real.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().text()).toList()));
        }
        List<String> multiplied = off.keySet().stream().filter(impl -> !real.containsKey(impl)).toList();
        if (!multiplied.isEmpty()) {
            double worst = multiplied.stream().mapToDouble(off::get).max().orElseThrow();
            figures.append("; ").append(String.join(", ", multiplied)).append(": ").append(clients)
                    .append(" not held in this run (capacity held ").append(String.format("%,d",
                            Math.round(capacityHeld(capacity.get())))).append("), multiplied: ")
                    .append(Format.size(worst)).append(" × ").append(clients).append(" = ")
                    .append(Format.size(worst * VM_CLIENTS.value()));
        }
        if (!on.isEmpty()) {
            double worstOn = on.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            String who = on.entrySet().stream().filter(e -> e.getValue() == worstOn).map(Map.Entry::getKey)
                    .findFirst().orElseThrow();
            figures.append(". Busy with permessage-deflate up to ").append(Format.size(worstOn))
                    .append(" (").append(who).append("), ").append(Format.size(worstOn * VM_CLIENTS.value()))
                    .append(" for ").append(clients);
        }
        if (within == 0) {
            // What was measured already refutes "a few kilobytes"; the multiplication adds nothing to that.
            return Verdict.doesNotHold(figures.toString());
        }
        if (real.isEmpty()) {
            return Verdict.extrapolated(figures.toString());
        }
        long agree = real.entrySet().stream().filter(e -> e.getValue().fits()
                && off.getOrDefault(e.getKey(), Double.MAX_VALUE) <= FEW_KB.value()).count();
        // impls judged only by multiplication cannot make the claim hold for every impl
        return multiplied.isEmpty() ? Verdict.byCount(agree, off.size(), figures.toString())
                : agree == 0 ? Verdict.doesNotHold(figures.toString()) : Verdict.partly(figures.toString());
    }

    /** 50,000 connections held at once, and what they took. */
    private record HeldForReal(String text, boolean fits) {
    }

    /**
     * The impls that held {@link #VM_CLIENTS} connections at once: through nginx in the scale scenario (replicas,
     * nginx and the broker together, against {@link #VM_MEMORY}), or in capacity itself.
     */
    private static Map<String, HeldForReal> heldForReal(RunResult run, Figures capacity) {
        Map<String, HeldForReal> real = new LinkedHashMap<>();
        Figures.of(run, ScaleScenario.NAME).ifPresent(scale -> {
            Variant at = ScaleScenario.variant(ScaleScenario.SPREAD, (int) VM_CLIENTS.value());
            Map<String, Double> rss = scale.medians(ScaleScenario.RSS, at);
            Map<String, Double> replicas = scale.medians(ScaleScenario.RSS_REPLICAS, at);
            Map<String, Double> nginx = scale.medians(ScaleScenario.RSS_NGINX, at);
            Map<String, Double> perConnection = scale.medians(ScaleScenario.RSS_PER_CONN, at);
            scale.medians(ScaleScenario.HELD, at).forEach((impl, held) -> {
                if (held >= VM_CLIENTS.value() && rss.containsKey(impl)) {
                    double bytes = rss.get(impl) * 1024 * 1024;
                    real.put(impl, new HeldForReal("through nginx in the scale scenario, "
                            + Format.size(bytes) + " RSS of replicas + nginx + broker (replicas "
                            + Format.size(replicas.getOrDefault(impl, 0.0) * 1024 * 1024) + ", nginx "
                            + Format.size(nginx.getOrDefault(impl, 0.0) * 1024 * 1024) + "), "
                            + Format.size(perConnection.getOrDefault(impl, 0.0)) + " growth per connection"
                            + (bytes <= VM_MEMORY.value() ? "" : ", more than " + VM_MEMORY.shown()),
                            bytes <= VM_MEMORY.value()));
                }
            });
        });
        Map<String, Double> footprint = perConnection(capacity, false);
        capacity.medians(CapacityScenario.OPENED, idle(false)).forEach((impl, held) -> {
            if (held >= VM_CLIENTS.value() && !real.containsKey(impl) && footprint.containsKey(impl)) {
                double bytes = footprint.get(impl) * VM_CLIENTS.value();
                real.put(impl, new HeldForReal("in capacity, one server: at most " + Format.size(bytes),
                        bytes <= VM_MEMORY.value()));
            }
        });
        return real;
    }

    /** The fewest idle connections any impl held in capacity without deflate. */
    private static double capacityHeld(Figures capacity) {
        return capacity.medians(CapacityScenario.OPENED, idle(false)).values().stream()
                .mapToDouble(Double::doubleValue).min().orElse(0);
    }

    /** The footprint per connection: idle without deflate, or busy with it (where deflate's windows live). */
    private static Map<String, Double> perConnection(Figures capacity, boolean compression) {
        return capacity.medians(CapacityScenario.FOOTPRINT, compression
                ? CapacityScenario.variant(true, CapacityScenario.BUSY) : idle(false));
    }

    private static Variant idle(boolean compression) {
        return CapacityScenario.variant(compression, CapacityScenario.IDLE);
    }
}
