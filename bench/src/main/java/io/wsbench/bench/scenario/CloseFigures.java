package io.wsbench.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How long connections took to be closed, against the limit that should have closed them: p50, p99 and max as
 * ratios to the limit (the headline: they transfer to production settings, which the scaled milliseconds do
 * not) and in milliseconds, plus the share still open when the scenario stopped waiting. Percentiles are taken
 * from the sorted times themselves (nearest rank): a hundred or so values, no histogram needed.
 */
final class CloseFigures {
    private CloseFigures() {
    }

    /**
     * @param closeNanos one entry per connection that was closed
     * @param total      connections watched (those missing from {@code closeNanos} were still open)
     */
    static Map<String, Double> of(List<Long> closeNanos, int total, Duration limit) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<Long> sorted = new ArrayList<>(closeNanos);
        Collections.sort(sorted);
        double limitMs = limit.toNanos() / 1e6;
        if (!sorted.isEmpty()) {
            double p50 = percentile(sorted, 50) / 1e6;
            double p99 = percentile(sorted, 99) / 1e6;
            double max = sorted.get(sorted.size() - 1) / 1e6;
            values.put(TimeoutsScenario.CLOSE_P50.key(), p50 / limitMs);
            values.put(TimeoutsScenario.CLOSE_P99.key(), p99 / limitMs);
            values.put(TimeoutsScenario.CLOSE_MAX.key(), max / limitMs);
            values.put(TimeoutsScenario.CLOSE_P50_MS.key(), p50);
            values.put(TimeoutsScenario.CLOSE_P99_MS.key(), p99);
        }
        values.put(TimeoutsScenario.NOT_CLOSED.key(), 100.0 * (total - sorted.size()) / total);
        return values;
    }

    /** Nearest-rank percentile of a sorted, non-empty list. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The code most connections ended with; ties go to the lower code. */
    static <T> int mostCommon(List<T> items, Function<T, Integer> code) {
        Map<Integer, Long> counts = new java.util.TreeMap<>(items.stream()
                .collect(Collectors.groupingBy(code, Collectors.counting())));
        // the TreeMap iterates lower codes first and max keeps the first of equals
        return counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
                .map(Map.Entry::getKey).orElse(0);
    }
}
