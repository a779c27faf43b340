package io.wsbench.bench.report.choice;

/**
 * One row of the "Which stack?" table: what is compared, the figure that decides it, and what measures it, printed
 * beside "not measured in this run" when a run has no such figure.
 *
 * @param name       in a reader's words ({@code idle footprint per connection})
 * @param figure     where the run holds it
 * @param measuredBy what measures it
 */
public record Criterion(String name, Figure figure, String measuredBy) {

    public static Criterion measured(String name, Figure figure, String measuredBy) {
        return new Criterion(name, figure, measuredBy);
    }
}
