package io.wsbench.bench.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wsbench.bench.Stacks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One impl in one variant of a scenario: its status, the reason when it is not OK, every repetition's raw
 * figures, and notes a reader should see next to the numbers (e.g. "the load generator was saturated").
 *
 * @param ceiling a reference row (e.g. raw TCP echo on the same client machinery), not an impl: it is never
 *                "the best", and other rows get a ratio to it
 */
public record Row(String impl, Variant variant, Status status, String reason, boolean ceiling,
                  List<Repetition> repetitions, List<String> notes) {

    public Row {
        repetitions = List.copyOf(repetitions);
        notes = notes == null ? List.of() : List.copyOf(notes);
        reason = reason == null ? "" : reason;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * A reference server's row (Go + gorilla/websocket, Node.js + ws): measured like an impl, but not one of the
     * Java stacks the run ranks; it gets a ratio to their best and is never "the best" itself.
     */
    public boolean reference() {
        return Stacks.isReference(impl);
    }

    /** The metric over the repetitions that have it; empty for a row that is not OK. */
    public Optional<Summary> summary(String metric) {
        if (!ok()) {
            return Optional.empty();
        }
        List<Double> values = repetitions.stream()
                .map(r -> r.values().get(metric))
                .filter(v -> v != null && !v.isNaN())
                .toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    /** Written to results.json for readers of the raw file; recomputed from the repetitions when read back. */
    @JsonProperty(value = "summary", access = JsonProperty.Access.READ_ONLY)
    public Map<String, Summary> summaries() {
        Map<String, Summary> all = new LinkedHashMap<>();
        repetitions.stream().flatMap(r -> r.values().keySet().stream()).distinct()
                .forEach(k -> summary(k).ifPresent(s -> all.put(k, s)));
        return all;
    }
}
