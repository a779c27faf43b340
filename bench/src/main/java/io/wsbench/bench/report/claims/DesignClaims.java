package io.wsbench.bench.report.claims;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.CapacityScenario;
import java.util.ArrayList;
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
            "the notes' count; until a run holds this many connections for real, the claim multiplies the"
                    + " per-connection figure up to it and reads \"extrapolated\"");

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
        List<Threshold> all = new ArrayList<>(List.of(FEW_KB, VM_CLIENTS));
        all.addAll(CompressionClaims.thresholds());
        all.addAll(MessageSizeClaims.thresholds());
        all.addAll(TimeoutClaims.thresholds());
        return all;
    }

    /**
     * Capacity without deflate, idle: the footprint per connection (the RSS growth a user provisions for) for every
     * impl, busy connections with deflate as a remark. The 50,000 is measured only when every impl held that many
     * at once; otherwise it is the per-connection figure multiplied, and the verdict says so.
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
        double held = capacity.get().medians(CapacityScenario.OPENED, idle(false)).values()
                .stream().mapToDouble(Double::doubleValue).min().orElse(0);
        boolean heldForReal = held >= VM_CLIENTS.value();
        String clients = VM_CLIENTS.shown();
        StringBuilder figures = new StringBuilder("footprint (RSS growth, what to provision) per idle connection: ");
        figures.append(String.join(", ", off.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.size(e.getValue())).toList()));
        figures.append(" (").append(within).append(" of ").append(off.size()).append(" within ")
                .append(FEW_KB.shown()).append(")");
        double worst = off.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (heldForReal) {
            figures.append("; ").append(clients).append(" such connections held at once: at most ")
                    .append(Format.size(worst * VM_CLIENTS.value()));
        } else {
            figures.append("; ").append(clients).append(" not held (the run held ")
                    .append(String.format("%,d", Math.round(held))).append("), multiplied: ")
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
        return heldForReal ? Verdict.byCount(within, off.size(), figures.toString())
                : Verdict.extrapolated(figures.toString());
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
