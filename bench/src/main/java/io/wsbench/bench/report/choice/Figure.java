package io.wsbench.bench.report.choice;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.Scenario;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a criterion's figure lives in a run: a scenario, one of its typed metrics, and which of its variants.
 *
 * @param scenario the name of the scenario (or the other part of results.json, e.g. the conformance matrix)
 *                 whose results hold it
 * @param metric   what the rows are ranked by; its {@link Metric#better()} decides which way is better
 * @param variant  the variant the criterion reads (the first that matches)
 * @param where    the variant in a reader's words ({@code direct, 1 KiB})
 */
public record Figure(String scenario, Metric metric, Predicate<Variant> variant, String where) {

    public static Figure of(Scenario scenario, Metric metric, Variant variant) {
        return of(scenario.name(), metric, variant);
    }

    public static Figure of(String scenario, Metric metric, Variant variant) {
        return new Figure(scenario, metric, variant::equals, variant.label());
    }

    /** The rows to rank, as a scenario result of one variant and the one metric, or empty when the run lacks it. */
    Optional<ScenarioResult> rows(List<ScenarioResult> results) {
        Optional<ScenarioResult> result = results.stream().filter(r -> r.name().equals(scenario)).findFirst();
        Optional<Variant> chosen = result.flatMap(r -> r.variants().stream().filter(variant).findFirst());
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = result.get().rows(chosen.get()).stream().filter(r -> !r.ceiling()).toList();
        return Optional.of(new ScenarioResult(result.get().name(), result.get().description(), List.of(metric),
                List.of(chosen.get()), rows));
    }
}
