package io.wsbench.bench.report.choice;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.RunResult;
import java.util.List;
import java.util.Optional;

/**
 * A workload a team has in mind and the criteria that decide its stack: the first of {@code decidedBy} that the
 * run measured picks, {@code alsoSee} is said beside it. Built from the criteria rows, so a profile can never
 * disagree with the table above it.
 *
 * @param workload  in the user's words ({@code many idle subscribers, rare notifications})
 * @param decidedBy in order of preference; a later one decides only when the earlier ones were not measured
 * @param alsoSee   a criterion that matters for the workload too, named with its pick
 */
public record WorkloadProfile(String workload, List<Criterion> decidedBy, Optional<Criterion> alsoSee) {

    public static final WorkloadProfile IDLE_SUBSCRIBERS = new WorkloadProfile(
            "many idle subscribers, rare notifications", List.of(Criteria.IDLE_FOOTPRINT),
            Optional.of(Criteria.BROADCAST_HELD));
    public static final WorkloadProfile HIGH_RATE = new WorkloadProfile("high message rate",
            List.of(Criteria.ECHO_PER_CPU), Optional.of(Criteria.P99_DIRECT));
    public static final WorkloadProfile COMPRESSION = new WorkloadProfile("compression on",
            List.of(Criteria.DEFLATE_CPU), Optional.of(Criteria.BUSY_DEFLATE_FOOTPRINT));
    public static final WorkloadProfile TLS_AT_NGINX = new WorkloadProfile("TLS terminated at nginx",
            List.of(Criteria.P99_NGINX_TLS, Criteria.ECHO_NGINX_TLS), Optional.empty());
    public static final WorkloadProfile TLS_AT_SERVER = new WorkloadProfile("TLS terminated at the server",
            List.of(Criteria.TLS_AT_SERVER), Optional.empty());

    public static final List<WorkloadProfile> ALL = List.of(IDLE_SUBSCRIBERS, HIGH_RATE, COMPRESSION, TLS_AT_NGINX,
            TLS_AT_SERVER);

    /** The pick, the runner-up and the one sentence why, for this run. */
    public record Choice(String pick, String runnerUp, String why, String references) {
    }

    public Choice choose(RunResult run) {
        Standing deciding = decidedBy.stream().map(c -> Standing.of(c, run)).filter(Standing::measured).findFirst()
                .orElse(Standing.of(decidedBy.get(0), run));
        if (!deciding.measured()) {
            return new Choice("–", "–", capitalised(deciding.notMeasured()) + ".", "–");
        }
        String why = reason(deciding);
        if (alsoSee.isPresent()) {
            Standing also = Standing.of(alsoSee.get(), run);
            why += also.measured() ? "; " + also.criterion().name() + ": " + also.pickText()
                    : "; " + also.criterion().name() + " not measured";
        }
        return new Choice(deciding.pickText(), deciding.runnerUpText(), why + ".", deciding.referencesText());
    }

    /** {@code Best idle footprint per connection (heap + RSS per connection): netty 1,020 bytes ahead of …}. */
    private static String reason(Standing s) {
        Metric metric = s.criterion().figure().metric();
        String unit = metric.unit();
        String name = s.criterion().name();
        String figures = String.join(", ", s.picks().stream().map(p -> p.impl() + " " + medianWithUnit(p, unit)).toList());
        String next = s.runnerUp().map(r -> " ahead of " + r.impl() + " " + medianWithUnit(r, unit) + " ("
                + r.versusBest() + ")").orElse("");
        if (s.tie()) {
            return "Tied on " + name + ", their 95% intervals overlap (" + metric.label() + ": " + figures + ")"
                    + next;
        }
        return "Best " + name + " (" + metric.label() + "): " + figures + next;
    }

    private static String medianWithUnit(Standing.Placed p, String unit) {
        return Format.number(p.summary().median()) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
