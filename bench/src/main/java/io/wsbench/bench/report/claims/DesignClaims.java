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
    /** "A few kilobytes" read generously: anything up to this per connection, heap and native together. */
    static final double FEW_KB = 16 * 1024;
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

    /** Capacity without deflate: heap + RSS per connection for every impl; deflate's cost as a remark. */
    static Verdict fewKilobytesPerConnection(RunResult run) {
        Optional<Figures> capacity = Figures.of(run, "capacity");
        if (capacity.isEmpty()) {
            return Verdict.notMeasured("the capacity scenario was not run");
        }
        Map<String, Double> off = perConnection(capacity.get(), "off");
        if (off.isEmpty()) {
            return Verdict.notMeasured("no impl measured in capacity");
        }
        Map<String, Double> on = perConnection(capacity.get(), "on");
        long within = off.values().stream().filter(b -> b <= FEW_KB).count();
        StringBuilder figures = new StringBuilder("heap + RSS per idle connection: ");
        figures.append(String.join(", ", off.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.size(e.getValue())).toList()));
        double worst = off.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        figures.append("; ").append(String.format("%,d", VM_CLIENTS)).append(" such connections: at most ")
                .append(Format.size(worst * VM_CLIENTS));
        if (!on.isEmpty()) {
            double worstOn = on.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            String who = on.entrySet().stream().filter(e -> e.getValue() == worstOn).map(Map.Entry::getKey)
                    .findFirst().orElse("?");
            figures.append(". With permessage-deflate negotiated up to ").append(Format.size(worstOn))
                    .append(" (").append(who).append("), ").append(Format.size(worstOn * VM_CLIENTS))
                    .append(" for ").append(String.format("%,d", VM_CLIENTS));
        }
        if (within == off.size()) {
            return Verdict.holds(figures.toString());
        }
        return within == 0 ? Verdict.doesNotHold(figures.toString()) : Verdict.partly(figures.toString());
    }

    private static Map<String, Double> perConnection(Figures capacity, String compression) {
        Map<String, Double> heap = capacity.medians("heap_per_conn_bytes", where("compression", compression));
        Map<String, Double> rss = capacity.medians("rss_per_conn_bytes", where("compression", compression));
        heap.replaceAll((impl, h) -> h + Math.max(0, rss.getOrDefault(impl, 0.0)));
        return heap;
    }
}
