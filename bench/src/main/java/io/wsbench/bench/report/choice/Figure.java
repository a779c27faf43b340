package io.wsbench.bench.report.choice;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a criterion's figure lives in a run: a scenario, one of its typed metrics (or the sum of several, per
 * repetition, e.g. heap + RSS per connection), and which of its variants.
 *
 * @param scenario the scenario that measures it; its results are found by its name
 * @param metric   what the rows are ranked by; its {@link Metric#better()} decides which way is better
 * @param sumOf    when not empty, {@code metric} is the sum of these in every repetition that has them all
 * @param variant  the variant the criterion reads (the first that matches)
 * @param where    the variant in a reader's words ({@code direct, 1 KiB})
 */
public record Figure(Scenario scenario, Metric metric, List<Metric> sumOf, Predicate<Variant> variant, String where) {

    public Figure {
        sumOf = List.copyOf(sumOf);
    }

    public static Figure of(Scenario scenario, Metric metric, Variant variant) {
        return new Figure(scenario, metric, List.of(), variant::equals, variant.label());
    }

    /** The rows to rank, as a scenario result of one variant and the one metric, or empty when the run lacks it. */
    Optional<ScenarioResult> rows(List<ScenarioResult> results) {
        Optional<ScenarioResult> result = results.stream().filter(r -> r.name().equals(scenario.name())).findFirst();
        Optional<Variant> chosen = result.flatMap(r -> r.variants().stream().filter(variant).findFirst());
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = result.get().rows(chosen.get()).stream().filter(r -> !r.ceiling()).map(this::derived).toList();
        return Optional.of(new ScenarioResult(result.get().name(), result.get().description(), List.of(metric),
                List.of(chosen.get()), rows));
    }

    /** The row with {@code metric} computed from {@link #sumOf} where it is a sum. */
    private Row derived(Row row) {
        if (sumOf.isEmpty()) {
            return row;
        }
        List<Repetition> sums = row.repetitions().stream().map(rep -> {
            Map<String, Double> values = new LinkedHashMap<>();
            if (sumOf.stream().allMatch(m -> rep.values().get(m.key()) != null)) {
                values.put(metric.key(), sumOf.stream().mapToDouble(m -> rep.values().get(m.key())).sum());
            }
            return new Repetition(rep.index(), values, Map.of());
        }).toList();
        return new Row(row.impl(), row.variant(), row.status(), row.reason(), false, sums, row.notes());
    }
}
