package io.wsbench.bench.result;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scenario produced in a run: what it measures, how (warm-up, windows, repetitions, order), its
 * columns (the first is the headline that tables rank by), the variants in the order they were declared, and one
 * row per impl and variant, and how long it all took.
 *
 * @param seconds the scenario's wall time in the run, verification not counted (0 when not recorded)
 */
public record ScenarioResult(String name, String description, List<Metric> metrics, List<Variant> variants,
                             List<Row> rows, String method, double seconds) {

    public ScenarioResult {
        metrics = List.copyOf(metrics);
        variants = List.copyOf(variants);
        rows = List.copyOf(rows);
        method = method == null ? "" : method;
    }

    public ScenarioResult(String name, String description, List<Metric> metrics, List<Variant> variants,
                          List<Row> rows) {
        this(name, description, metrics, variants, rows, "", 0);
    }

    public Metric headline() {
        return metrics.get(0);
    }

    public List<Row> rows(Variant variant) {
        return rows.stream().filter(r -> r.variant().equals(variant)).toList();
    }

    public Optional<Row> row(String impl, Variant variant) {
        return rows.stream().filter(r -> r.impl().equals(impl) && r.variant().equals(variant)).findFirst();
    }

    /** Impl names in the order rows were recorded, the reference servers after the impls, ceiling rows last. */
    public List<String> impls() {
        return rows.stream().sorted(Comparator.comparing(Row::ceiling).thenComparing(Row::reference))
                .map(Row::impl).distinct().toList();
    }

    /** The best median of {@code metric} among OK impl rows of {@code variant}; empty when none or NEITHER. */
    public Optional<Double> best(Metric metric, Variant variant) {
        if (metric.better() == Better.NEITHER) {
            return Optional.empty();
        }
        var medians = rows(variant).stream().filter(ScenarioResult::ranked)
                .flatMap(r -> r.summary(metric.key()).stream()).map(Summary::median);
        return metric.better() == Better.HIGHER ? medians.max(Double::compare) : medians.min(Double::compare);
    }

    /** The summary of {@code metric} of the row with the best median in {@code variant}: what ties are judged against. */
    public Optional<Summary> bestSummary(Metric metric, Variant variant) {
        Optional<Double> best = best(metric, variant);
        if (best.isEmpty()) {
            return Optional.empty();
        }
        return rows(variant).stream().filter(ScenarioResult::ranked).flatMap(r -> r.summary(metric.key()).stream())
                .filter(s -> s.median() == best.get()).findFirst();
    }

    /** The rows the best is chosen from: the impls, not a ceiling or a reference server. */
    private static boolean ranked(Row row) {
        return !row.ceiling() && !row.reference();
    }

    /**
     * How {@code row} compares with the best of its variant on {@code metric}: {@code best}, {@code ≈ best} where
     * the data cannot rank the two ({@link Summary#sameAs}: their 95% intervals overlap or their medians are within
     * {@link Summary#EQUIVALENCE}), else the ratio of the medians.
     */
    public Optional<String> versusBest(Row row, Metric metric) {
        Optional<Summary> own = row.summary(metric.key());
        Optional<Summary> best = bestSummary(metric, row.variant());
        if (row.ceiling() || own.isEmpty() || best.isEmpty() || best.get().median() == 0) {
            return Optional.empty();
        }
        if (own.get().median() == best.get().median() && !row.reference()) {
            return Optional.of(BEST);
        }
        double ratio = own.get().median() / best.get().median();
        if (own.get().sameAs(best.get())) {
            return Optional.of(TIE);
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "×%.2f", ratio));
    }

    /** What {@link #versusBest} says of the best row itself, and of a row tied with it. */
    public static final String BEST = "best";
    public static final String TIE = "≈ best";

    /** The ceiling row's median of {@code metric} in {@code variant}, if the scenario has one. */
    public Optional<Double> ceiling(Metric metric, Variant variant) {
        return rows(variant).stream().filter(Row::ceiling)
                .flatMap(r -> r.summary(metric.key()).stream()).map(Summary::median).findFirst();
    }

    public Optional<Metric> metric(String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst();
    }
}
