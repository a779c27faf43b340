package io.wsbench.bench.report.choice;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Better;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How the impls of one run stand on one criterion: the pick (one impl, or the group whose 95% intervals overlap the
 * best's: a tie, never ranked), the runner-up (the best of the rest), and the figures. The tie and the ratio are
 * {@link ScenarioResult#versusBest}'s, the same judgement the scenario tables print as "≈ best" and "×ratio".
 *
 * @param picks      the best and every impl tied with it, best first; empty when not measured
 * @param runnerUp   the best impl outside the tie; empty when every impl tied or only the picks were measured
 * @param failed     impls without the figure: the row failed, was not supported, or lacks the metric
 * @param notMeasured why there is no figure; empty when there is one
 * @param references the reference servers' figures (Go, Node.js), each with its ratio to the best impl: beside
 *                   the ranking, never in it
 */
public record Standing(Criterion criterion, List<Placed> picks, Optional<Placed> runnerUp, List<String> failed,
                       String notMeasured, List<Placed> references) {

    /** One impl's figure and how it compares with the best ({@code best}, {@code ≈ best}, {@code ×1.40}). */
    public record Placed(String impl, Summary summary, String versusBest) {
    }

    public boolean measured() {
        return notMeasured.isEmpty();
    }

    /** More than one impl cannot be told apart from the best. */
    public boolean tie() {
        return picks.size() > 1;
    }

    public static Standing of(Criterion criterion, RunResult run) {
        Figure figure = criterion.figure();
        Optional<ScenarioResult> found = figure.rows(run.scenarios());
        if (found.isEmpty()) {
            return notMeasured(criterion);
        }
        ScenarioResult result = found.get();
        Metric metric = figure.metric();
        List<Placed> placed = new ArrayList<>();
        List<Placed> references = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Row row : result.rows()) {
            Optional<Summary> summary = row.summary(metric.key());
            Optional<String> versus = result.versusBest(row, metric);
            if (summary.isPresent() && versus.isPresent()) {
                (row.reference() ? references : placed).add(new Placed(row.impl(), summary.get(), versus.get()));
            } else if (!row.reference()) {
                failed.add(row.impl());
            }
        }
        if (placed.isEmpty()) {
            return notMeasured(criterion);
        }
        Comparator<Placed> best = Comparator.comparingDouble(p -> p.summary().median());
        placed.sort(metric.better() == Better.HIGHER ? best.reversed() : best);
        List<Placed> picks = placed.stream().filter(p -> tiedWithBest(p.versusBest())).toList();
        Optional<Placed> runnerUp = placed.stream().filter(p -> !tiedWithBest(p.versusBest())).findFirst();
        return new Standing(criterion, picks, runnerUp, failed, "", references);
    }

    private static boolean tiedWithBest(String versusBest) {
        return versusBest.equals(ScenarioResult.BEST) || versusBest.equals(ScenarioResult.TIE);
    }

    private static Standing notMeasured(Criterion criterion) {
        return new Standing(criterion, List.of(), Optional.empty(), List.of(),
                "not measured in this run: " + criterion.measuredBy(), List.of());
    }

    /** {@code ref-go-gorilla ×1.27 (48,696 msgs/s); ref-node-ws ≈ best (…)}; {@code –} when there is none. */
    public String referencesText() {
        if (references.isEmpty()) {
            return "–";
        }
        String unit = criterion.figure().metric().unit();
        return String.join("; ", references.stream().map(p -> p.impl() + " " + p.versusBest() + " ("
                + Format.number(p.summary().median()) + (unit.isEmpty() ? "" : " " + unit) + ")").toList());
    }

    /** {@code netty}, or {@code tie: netty, jetty}. */
    public String pickText() {
        List<String> names = picks.stream().map(Placed::impl).toList();
        return names.size() == 1 ? names.get(0) : "tie: " + String.join(", ", names);
    }

    /** {@code undertow ×1.40}; {@code –} when there is none. */
    public String runnerUpText() {
        return runnerUp.map(p -> p.impl() + " " + p.versusBest()).orElse("–");
    }

    /** {@code RSS/conn: netty 1,020 [990–1,100] bytes; jetty …}: the picks' and the runner-up's figures with their intervals. */
    public String figureText() {
        if (!measured()) {
            return notMeasured;
        }
        List<Placed> shown = new ArrayList<>(picks);
        runnerUp.ifPresent(shown::add);
        Metric metric = criterion.figure().metric();
        String unit = metric.unit();
        String figures = metric.label() + ": " + String.join("; ", shown.stream()
                .map(p -> p.impl() + " " + Format.summary(p.summary()) + (unit.isEmpty() ? "" : " " + unit))
                .toList());
        return failed.isEmpty() ? figures : figures + "; no figure: " + String.join(", ", failed);
    }
}
