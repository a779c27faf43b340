package io.wsbench.bench.report.choice;

import java.util.Optional;

/**
 * One row of the "Which stack?" table: what is compared, the figure that decides it, and what would measure it
 * when a run has no such figure. A criterion no scenario measures yet has no figure; once one does, giving it the
 * scenario's typed metric is the whole change.
 *
 * @param name       in a reader's words ({@code idle footprint per connection})
 * @param figure     where the run holds it; empty while no scenario measures it
 * @param measuredBy what measures it, printed beside "not measured in this run"
 */
public record Criterion(String name, Optional<Figure> figure, String measuredBy) {

    public static Criterion measured(String name, Figure figure, String measuredBy) {
        return new Criterion(name, Optional.of(figure), measuredBy);
    }

    public static Criterion pending(String name, String measuredBy) {
        return new Criterion(name, Optional.empty(), measuredBy);
    }
}
