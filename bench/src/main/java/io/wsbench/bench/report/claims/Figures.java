package io.wsbench.bench.report.claims;

import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Medians out of one scenario's results, by impl, for the claims' judges. */
final class Figures {
    private final ScenarioResult scenario;

    private Figures(ScenarioResult scenario) {
        this.scenario = scenario;
    }

    /** The scenario's figures, or empty when the run did not include it. */
    static Optional<Figures> of(RunResult run, String scenario) {
        return run.scenarios().stream().filter(s -> s.name().equals(scenario)).findFirst().map(Figures::new);
    }

    /** The median of {@code metric} for every impl (not the ceiling) measured in the matching variant. */
    Map<String, Double> medians(String metric, Predicate<Variant> variant) {
        Map<String, Double> byImpl = new LinkedHashMap<>();
        for (Row row : scenario.rows()) {
            if (!row.ceiling() && variant.test(row.variant())) {
                row.summary(metric).map(Summary::median).ifPresent(m -> byImpl.putIfAbsent(row.impl(), m));
            }
        }
        return byImpl;
    }

    /**
     * Every matching cell's median, keyed {@code impl: variant label}: for claims that count cells (e.g. text
     * and binary, direct and nginx) rather than impls.
     */
    Map<String, Double> allMedians(String metric, Predicate<Variant> variant) {
        Map<String, Double> byCell = new LinkedHashMap<>();
        for (Row row : scenario.rows()) {
            if (!row.ceiling() && variant.test(row.variant())) {
                row.summary(metric).map(Summary::median)
                        .ifPresent(m -> byCell.put(row.impl() + ": " + row.variant().label(), m));
            }
        }
        return byCell;
    }

    /** The ceiling (reference) row's median of {@code metric} in the matching variant, when there is one. */
    Optional<Double> ceiling(String metric, Predicate<Variant> variant) {
        return scenario.rows().stream().filter(r -> r.ceiling() && variant.test(r.variant()))
                .flatMap(r -> r.summary(metric).stream()).map(Summary::median).findFirst();
    }

    /** A variant whose dimensions include every given name/value pair. */
    static Predicate<Variant> where(String... namesAndValues) {
        Variant wanted = Variant.of(namesAndValues);
        return v -> wanted.dimensions().entrySet().stream()
                .allMatch(e -> e.getValue().equals(v.get(e.getKey())));
    }
}
