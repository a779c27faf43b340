package io.wsbench.bench.result;

import java.util.List;
import java.util.Optional;

/**
 * Everything one scenario produced in a run: what it measures, its columns (the first is the headline that
 * tables rank by), the variants in the order they were declared, and one row per impl and variant.
 */
public record ScenarioResult(String name, String description, List<Metric> metrics, List<Variant> variants,
                             List<Row> rows) {

    public ScenarioResult {
        metrics = List.copyOf(metrics);
        variants = List.copyOf(variants);
        rows = List.copyOf(rows);
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

    /** Impl names in the order rows were recorded (ceiling rows last). */
    public List<String> impls() {
        return rows.stream().sorted((a, b) -> Boolean.compare(a.ceiling(), b.ceiling()))
                .map(Row::impl).distinct().toList();
    }

    /** The best median of {@code metric} among OK impl rows of {@code variant}; empty when none or NEITHER. */
    public Optional<Double> best(Metric metric, Variant variant) {
        if (metric.better() == Better.NEITHER) {
            return Optional.empty();
        }
        var medians = rows(variant).stream().filter(r -> !r.ceiling())
                .flatMap(r -> r.summary(metric.key()).stream()).map(Summary::median);
        return metric.better() == Better.HIGHER ? medians.max(Double::compare) : medians.min(Double::compare);
    }

    /** The ceiling row's median of {@code metric} in {@code variant}, if the scenario has one. */
    public Optional<Double> ceiling(Metric metric, Variant variant) {
        return rows(variant).stream().filter(Row::ceiling)
                .flatMap(r -> r.summary(metric.key()).stream()).map(Summary::median).findFirst();
    }

    public Optional<Metric> metric(String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst();
    }
}
