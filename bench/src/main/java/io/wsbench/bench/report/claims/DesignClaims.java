package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.Figures.where;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
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
    /** "A few kilobytes" read generously: a footprint up to this per connection. */
    static final double FEW_KB = 16 * 1024;
    /** Capacity's headline: what a user provisions per connection (MemoryPerConnection.FOOTPRINT). */
    static final String FOOTPRINT = "footprint_per_conn_bytes";
    static final int VM_CLIENTS = 50_000;

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

    /**
     * Capacity without deflate, idle: the footprint per connection (the RSS growth a user provisions for) for every
     * impl. No run holds 50,000 connections yet, so that half of the claim is the worst footprint multiplied out
     * and said to be extrapolated; busy connections with deflate come as a remark, multiplied the same way.
     */
    static Verdict fewKilobytesPerConnection(RunResult run) {
        Optional<Figures> capacity = Figures.of(run, "capacity");
        if (capacity.isEmpty()) {
            return Verdict.notMeasured("the capacity scenario was not run");
        }
        Map<String, Double> off = capacity.get().medians(FOOTPRINT, where("compression", "off", "connections", "idle"));
        if (off.isEmpty()) {
            return Verdict.notMeasured("no impl measured in capacity");
        }
        double measured = capacity.get().medians("opened", where("compression", "off", "connections", "idle"))
                .values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder figures = new StringBuilder("footprint (RSS growth, what to provision) per idle connection: ");
        figures.append(String.join(", ", off.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.size(e.getValue())).toList()));
        figures.append("; ").append(multiplied(off, "measured at " + String.format("%,.0f", measured)));
        Map<String, Double> busyOn = capacity.get().medians(FOOTPRINT,
                where("compression", "on", "connections", "busy"));
        if (!busyOn.isEmpty()) {
            figures.append(". Busy with permessage-deflate: ").append(multiplied(busyOn, "same N"));
        }
        long within = off.values().stream().filter(b -> b <= FEW_KB).count();
        if (within == 0) {
            return Verdict.doesNotHold(figures.toString());
        }
        if (within < off.size()) {
            figures.append(". A few kilobytes (≤ ").append(Format.size(FEW_KB)).append(") holds for ").append(within)
                    .append(" of ").append(off.size()).append(" impls");
        }
        return Verdict.extrapolated(figures.toString());
    }

    /** "extrapolated (…): 50,000 × 19.6 KiB (jetty, the most) = 957 MiB", from the largest per-connection figure. */
    private static String multiplied(Map<String, Double> perConnection, String basis) {
        Map.Entry<String, Double> worst = perConnection.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow();
        return String.format("%,d", VM_CLIENTS) + " connections extrapolated (" + basis + "): "
                + String.format("%,d", VM_CLIENTS) + " × " + Format.size(worst.getValue()) + " (" + worst.getKey()
                + ", the most) = " + Format.size(worst.getValue() * VM_CLIENTS);
    }
}
