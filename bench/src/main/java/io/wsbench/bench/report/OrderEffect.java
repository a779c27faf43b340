package io.wsbench.bench.report;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is the first cell of a repetition special? The cells of one repetition run in an order rotated each time, so
 * every cell is sometimes first (a fresh JVM's first window, right after its warm-up) and sometimes later. Per
 * cell, the median of its headline when it ran first over its median when it ran later; across cells, the median
 * of those ratios. Near ×1.00 the rotation and the steady-state warm-up did their job; far from it, the first
 * window of a JVM still measures the JVM warming up, and the tables' figures mix the two.
 */
public final class OrderEffect {
    private OrderEffect() {
    }

    /** The sentence for the scenario's header, or empty where no cell ran both first and later. */
    public static Optional<String> of(ScenarioResult result) {
        String key = result.headline().key();
        Map<String, Integer> firstOrder = new HashMap<>();
        for (Row row : result.rows()) {
            for (Repetition r : row.repetitions()) {
                if (r.window() != null) {
                    firstOrder.merge(row.impl() + "#" + r.index(), r.window().order(), Math::min);
                }
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (Row row : result.rows()) {
            if (!row.ok()) {
                continue;
            }
            List<Double> first = new ArrayList<>();
            List<Double> later = new ArrayList<>();
            for (Repetition r : row.repetitions()) {
                Double v = r.values().get(key);
                if (r.window() == null || v == null || v.isNaN()) {
                    continue;
                }
                boolean isFirst = r.window().order() == firstOrder.get(row.impl() + "#" + r.index());
                (isFirst ? first : later).add(v);
            }
            if (!first.isEmpty() && !later.isEmpty()) {
                double l = Summary.of(later).median();
                if (l != 0) {
                    ratios.add(Summary.of(first).median() / l);
                }
            }
        }
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        Summary s = Summary.of(ratios);
        return Optional.of("**First cell of a repetition:** measured " + Format.ratio(s.median()) + " of the same cell"
                + " measured later in a repetition (" + result.headline().label() + ", median over " + ratios.size()
                + " cells that ran both first and later; " + Format.ratio(s.min()) + " to " + Format.ratio(s.max())
                + ")" + (Math.abs(s.median() - 1) > 0.1 ? ": the first window of a repetition is still special"
                + " here, and the rotation spreads that over every cell" : "") + ".");
    }
}
