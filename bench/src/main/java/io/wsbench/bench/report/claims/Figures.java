package io.wsbench.bench.report.claims;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Medians out of one scenario's results, by impl, for the claims' judges. Lookups take the scenario's own
 * {@link Metric} and {@link Variant} constants, never labels spelled again here: a label the scenario renames
 * stays the same label on both sides. Failed and skipped rows have no figures, so they are absent, not zero.
 */
final class Figures {
    private final ScenarioResult scenario;

    private Figures(ScenarioResult scenario) {
        this.scenario = scenario;
    }

    /** The scenario's figures, or empty when the run did not include it. */
    static Optional<Figures> of(RunResult run, String scenario) {
        return run.scenarios().stream().filter(s -> s.name().equals(scenario)).findFirst().map(Figures::new);
    }

    /** The median of {@code metric} for every impl (not the ceiling) measured in {@code variant}. */
    Map<String, Double> medians(Metric metric, Variant variant) {
        Map<String, Double> byImpl = new LinkedHashMap<>();
        for (Row row : scenario.rows()) {
            if (!row.ceiling() && row.variant().equals(variant)) {
                row.summary(metric.key()).map(Summary::median).ifPresent(m -> byImpl.putIfAbsent(row.impl(), m));
            }
        }
        return byImpl;
    }

    /**
     * Every cell's median in any of {@code variants}, keyed {@code impl: variant label}: for claims that count
     * cells (e.g. text and binary, direct and nginx) rather than impls.
     */
    Map<String, Double> allMedians(Metric metric, Collection<Variant> variants) {
        Map<String, Double> byCell = new LinkedHashMap<>();
        for (Row row : scenario.rows()) {
            if (!row.ceiling() && variants.contains(row.variant())) {
                row.summary(metric.key()).map(Summary::median)
                        .ifPresent(m -> byCell.put(row.impl() + ": " + row.variant().label(), m));
            }
        }
        return byCell;
    }

    /** The ceiling (reference) row's median of {@code metric} in {@code variant}, when there is one. */
    Optional<Double> ceiling(Metric metric, Variant variant) {
        return scenario.rows().stream().filter(r -> r.ceiling() && r.variant().equals(variant))
                .flatMap(r -> r.summary(metric.key()).stream()).map(Summary::median).findFirst();
    }
}
