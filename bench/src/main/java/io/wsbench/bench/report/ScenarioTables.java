package io.wsbench.bench.report;

import io.wsbench.bench.Stacks;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of one scenario, the same for README and terminal: overview tables (impls as rows, variants as
 * columns, the headline metric with its ratio to the best; split by the first variant dimension when there are
 * two or more) and one detail table per variant with every metric. Failed rows show "failed [n]" and the
 * reason in a footnote, never a number.
 */
public final class ScenarioTables {
    private final ScenarioResult result;
    private final boolean withRange;
    private final Map<String, Integer> footnotes = new LinkedHashMap<>();

    /** @param withRange cells show [min–max] after the median (README); the terminal shows medians only */
    public ScenarioTables(ScenarioResult result, boolean withRange) {
        this.result = result;
        this.withRange = withRange;
    }

    /** A table with the title it goes under ({@code "route: direct"}), or an empty title when there is one. */
    public record Titled(String title, Table table) {
    }

    public List<Titled> overview() {
        List<Titled> tables = new ArrayList<>();
        Map<String, List<Variant>> groups = groups();
        for (Map.Entry<String, List<Variant>> group : groups.entrySet()) {
            List<String> headers = new ArrayList<>(List.of("impl"));
            group.getValue().forEach(v -> headers.add(columnLabel(v, groups.size() > 1)));
            Table table = new Table(headers);
            for (String impl : result.impls()) {
                List<String> cells = new ArrayList<>(List.of(implLabel(impl)));
                group.getValue().forEach(v -> cells.add(headlineCell(impl, v)));
                table.add(cells);
            }
            String title = groups.size() > 1 ? firstDimension() + ": " + group.getKey() : "";
            tables.add(new Titled(title + headlineTitle(groupHeadline(group.getValue()), title.isEmpty()), table));
        }
        return tables;
    }

    /** Every metric of one variant, impls as rows. */
    public Table detail(Variant variant) {
        Metric headline = result.headline();
        List<String> headers = new ArrayList<>(List.of("impl", headline.heading(), "vs best"));
        boolean ceiling = result.ceiling(headline, variant).isPresent();
        if (ceiling) {
            headers.add("% of ceiling");
        }
        result.metrics().stream().skip(1).forEach(m -> headers.add(m.heading()));
        Table table = new Table(headers);
        for (String impl : result.impls()) {
            Optional<Row> found = result.row(impl, variant);
            List<String> cells = new ArrayList<>(List.of(implLabel(impl)));
            if (found.isEmpty() || !found.get().ok()) {
                cells.add(found.map(this::statusCell).orElse("–"));
                while (cells.size() < headers.size()) {
                    cells.add("–");
                }
            } else {
                Row row = found.get();
                cells.add(cell(row, headline));
                cells.add(result.versusBest(row, headline).orElse("–"));
                if (ceiling) {
                    cells.add(row.ceiling() ? "–" : percentOfCeiling(row, headline, variant));
                }
                result.metrics().stream().skip(1).forEach(m -> cells.add(cell(row, m)));
            }
            table.add(cells);
        }
        return table;
    }

    /** {@code [1] jetty: reason}, for the failed cells of the tables made so far. */
    public List<String> footnotes() {
        List<String> lines = new ArrayList<>();
        footnotes.forEach((text, n) -> lines.add("[" + n + "] " + text));
        return lines;
    }

    /** Notes the scenario attached to rows, as {@code impl, variant: note}. */
    public List<String> rowNotes(Variant variant) {
        List<String> lines = new ArrayList<>();
        result.rows(variant).forEach(r -> r.notes().forEach(n -> lines.add(r.impl() + ": " + n)));
        return lines;
    }

    /**
     * The metric a group's cells show: the scenario's headline, or, when no row of the group has it, the first
     * metric they do have (a memory group beside compression ratios), so the title names what the cells hold.
     */
    private Metric groupHeadline(List<Variant> variants) {
        List<Row> rows = result.rows().stream().filter(r -> r.ok() && variants.contains(r.variant())).toList();
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.summary(result.headline().key()).isPresent())) {
            return result.headline();
        }
        return result.metrics().stream().filter(m -> rows.stream().anyMatch(r -> r.summary(m.key()).isPresent()))
                .findFirst().orElse(result.headline());
    }

    private String headlineTitle(Metric h, boolean alone) {
        boolean ceiling = result.rows().stream().anyMatch(Row::ceiling);
        String what = h.heading() + ", median of the repetitions" + (withRange ? " [95% interval]" : "")
                + ", ×ratio to the best where the intervals do not overlap and the medians are more than "
                + Format.percent(Summary.EQUIVALENCE) + " apart (≈ best: a tie)"
                + (ceiling ? ", % of the ceiling row where it was measured" : "")
                + (result.rows().stream().anyMatch(Row::reference) ? "; a reference server is never the best: its"
                + " ratio is to the best Java impl" : "");
        return alone ? what : " — " + what;
    }

    private String headlineCell(String impl, Variant variant) {
        Optional<Row> found = result.row(impl, variant);
        if (found.isEmpty()) {
            return "–";
        }
        Row row = found.get();
        if (!row.ok()) {
            return statusCell(row);
        }
        Metric h = result.headline();
        if (row.ceiling()) {
            return cell(row, h);
        }
        Optional<Metric> own = row.summary(h.key()).isPresent() ? Optional.empty() : ownHeadline(row);
        if (own.isPresent()) {
            h = own.get();
        }
        String ratio = result.versusBest(row, h).orElse("–");
        String unit = own.isPresent() && !h.unit().isEmpty() ? " " + h.unit() : "";
        String ofCeiling = percentOfCeiling(row, h, variant);
        return cell(row, h) + unit + (ratio.equals("–") ? "" : " " + ratio)
                + (ofCeiling.equals("–") ? "" : ", " + ofCeiling + " of ceiling");
    }

    /** The row's median as a percentage of the ceiling row's in the same variant; "–" without a ceiling. */
    private String percentOfCeiling(Row row, Metric metric, Variant variant) {
        Optional<Summary> s = row.summary(metric.key());
        Optional<Double> c = result.ceiling(metric, variant);
        if (s.isEmpty() || c.isEmpty() || c.get() == 0) {
            return "–";
        }
        return Format.percent(s.get().median() / c.get());
    }

    /**
     * The first metric a row has when it lacks the headline: a summary variant that measures something else
     * (broadcast's "most subscribers held at p95 ≤ 250 ms" beside its per-step p95 columns).
     */
    private Optional<Metric> ownHeadline(Row row) {
        return result.metrics().stream().filter(m -> row.summary(m.key()).isPresent()).findFirst();
    }

    private String cell(Row row, Metric metric) {
        Optional<Summary> s = row.summary(metric.key());
        if (s.isEmpty()) {
            return "–";
        }
        if (metric.isCloseCode()) {
            return Format.closeCodes(s.get());
        }
        return withRange ? Format.summary(s.get()) : Format.number(s.get().median());
    }

    private String statusCell(Row row) {
        String word = switch (row.status()) {
            case NOT_SUPPORTED -> "not supported";
            case NOT_MEASURED -> "not measured";
            case NOT_APPLICABLE -> "not applicable";
            default -> "failed";
        };
        String text = row.impl() + ": " + word + (row.reason().isEmpty() ? "" : ": " + row.reason());
        int n = footnotes.computeIfAbsent(text, t -> footnotes.size() + 1);
        return word + " [" + n + "]";
    }

    private String implLabel(String impl) {
        boolean ceiling = result.rows().stream().anyMatch(r -> r.impl().equals(impl) && r.ceiling());
        return ceiling ? impl + " (ceiling)" : Stacks.isReference(impl) ? impl + " (reference)" : impl;
    }

    private Map<String, List<Variant>> groups() {
        Map<String, List<Variant>> groups = new LinkedHashMap<>();
        boolean split = result.variants().stream().allMatch(v -> v.dimensions().size() >= 2);
        for (Variant v : result.variants()) {
            String key = split ? v.dimensions().values().iterator().next() : "";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        return groups;
    }

    private String firstDimension() {
        return result.variants().get(0).dimensions().keySet().iterator().next();
    }

    /** Within a split table the first dimension is in the title, so columns show the rest. */
    private static String columnLabel(Variant v, boolean split) {
        if (!split) {
            return v.label();
        }
        return String.join(", ", v.dimensions().values().stream().skip(1).toList());
    }
}
