package io.wsbench.bench.report;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Do two runs tell the same story? Per scenario, the share of headline cells (impl × variant) whose 95% intervals
 * in the two runs overlap, and the pairs of impls that both runs call different (intervals apart) but in opposite
 * order: the figures issue 13 judges the bench by. Run it as
 * {@code java -cp bench/target/classes:… io.wsbench.bench.report.RunComparison a/results.json b/results.json}.
 */
public final class RunComparison {

    /**
     * One scenario's agreement between the runs.
     *
     * @param overlapping cells whose two intervals overlap
     * @param agreeing    cells the two runs cannot tell apart by the tables' own rule ({@link Summary#sameAs}:
     *                    intervals overlap, or medians within {@link Summary#EQUIVALENCE})
     */
    public record Agreement(String scenario, int cells, int overlapping, int agreeing, List<String> swaps) {
        public double share() {
            return share(agreeing);
        }

        public double overlapShare() {
            return share(overlapping);
        }

        private double share(int n) {
            return cells == 0 ? 1 : (double) n / cells;
        }
    }

    private RunComparison() {
    }

    public static List<Agreement> compare(RunResult a, RunResult b) {
        List<Agreement> all = new ArrayList<>();
        for (ScenarioResult sa : a.scenarios()) {
            Optional<ScenarioResult> sb = b.scenarios().stream().filter(s -> s.name().equals(sa.name())).findFirst();
            if (sb.isEmpty()) {
                continue;
            }
            String key = sa.headline().key();
            int cells = 0;
            int overlapping = 0;
            int agreeing = 0;
            List<String> swaps = new ArrayList<>();
            for (Variant v : sa.variants()) {
                List<Row> rows = sa.rows(v).stream().filter(r -> !r.ceiling()).toList();
                for (Row ra : rows) {
                    Optional<Summary> x = ra.summary(key);
                    Optional<Summary> y = sb.get().row(ra.impl(), v).flatMap(r -> r.summary(key));
                    if (x.isPresent() && y.isPresent()) {
                        cells++;
                        overlapping += x.get().overlaps(y.get()) ? 1 : 0;
                        agreeing += x.get().sameAs(y.get()) ? 1 : 0;
                    }
                }
                for (int i = 0; i < rows.size(); i++) {
                    for (int j = i + 1; j < rows.size(); j++) {
                        String p = rows.get(i).impl();
                        String q = rows.get(j).impl();
                        int inA = order(sa, p, q, v, key);
                        int inB = order(sb.get(), p, q, v, key);
                        if (inA != 0 && inB != 0 && inA != inB) {
                            swaps.add(v.label() + ": " + p + " vs " + q);
                        }
                    }
                }
            }
            all.add(new Agreement(sa.name(), cells, overlapping, agreeing, swaps));
        }
        return all;
    }

    /** +1 or −1 when the run ranks {@code p} and {@code q} ({@link Summary#sameAs} false), by their medians, else 0. */
    private static int order(ScenarioResult s, String p, String q, Variant v, String key) {
        Optional<Summary> x = s.row(p, v).flatMap(r -> r.summary(key));
        Optional<Summary> y = s.row(q, v).flatMap(r -> r.summary(key));
        if (x.isEmpty() || y.isEmpty() || x.get().sameAs(y.get())) {
            return 0;
        }
        return Double.compare(x.get().median(), y.get().median());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RunComparison a/results.json b/results.json");
            System.exit(2);
        }
        RunResult a = ResultsJson.read(Path.of(args[0]));
        RunResult b = ResultsJson.read(Path.of(args[1]));
        Table table = new Table(List.of("scenario", "headline cells", "intervals overlap", "share",
                "same by the tables' rule", "share", "impl pairs ranked in both runs, in opposite order"));
        int cells = 0;
        int overlapping = 0;
        int agreeing = 0;
        for (Agreement g : compare(a, b)) {
            cells += g.cells();
            overlapping += g.overlapping();
            agreeing += g.agreeing();
            table.add(List.of(g.scenario(), Integer.toString(g.cells()), Integer.toString(g.overlapping()),
                    Format.percent(g.overlapShare()), Integer.toString(g.agreeing()), Format.percent(g.share()),
                    g.swaps().isEmpty() ? "none" : String.join("; ", g.swaps())));
        }
        System.out.println(a.runId() + " vs " + b.runId());
        System.out.println(table.markdown());
        System.out.println("all: intervals overlap in " + overlapping + " of " + cells + " cells ("
                + Format.percent(cells == 0 ? 1 : (double) overlapping / cells) + "); the same by the tables' rule"
                + " (overlap, or medians within " + Format.percent(Summary.EQUIVALENCE) + ") in " + agreeing + " ("
                + Format.percent(cells == 0 ? 1 : (double) agreeing / cells) + ")");
    }
}
