package io.wsbench.bench.report;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Calibration;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.WarmUp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the report says about how the figures were taken, from results.json alone: per scenario its method, the
 * repetitions the rows took, how many headline intervals stayed wide, how the warm-ups went; per run the
 * calibration and its drift.
 */
public final class MethodLines {
    private MethodLines() {
    }

    /** The lines under a scenario's description. */
    public static List<String> of(ScenarioResult result) {
        List<String> lines = new ArrayList<>();
        if (!result.method().isEmpty()) {
            lines.add("**How:** " + result.method());
        }
        if (result.seconds() > 0) {
            lines.add("**Took:** " + Format.duration(java.time.Duration.ofMillis(Math.round(result.seconds() * 1000)))
                    + " of the run.");
        }
        List<Row> measured = result.rows().stream().filter(Row::ok).filter(r -> !r.repetitions().isEmpty()).toList();
        if (measured.isEmpty()) {
            return lines;
        }
        int fewest = measured.stream().mapToInt(r -> r.repetitions().size()).min().orElse(0);
        int most = measured.stream().mapToInt(r -> r.repetitions().size()).max().orElse(0);
        List<Summary> headlines = measured.stream().flatMap(r -> r.summary(result.headline().key()).stream()).toList();
        long wide = headlines.stream().filter(Summary::wide).count();
        lines.add("**Repetitions:** " + (fewest == most ? fewest : fewest + " to " + most) + " per row; "
                + wide + " of " + headlines.size() + " " + result.headline().label() + " intervals still wider than ±"
                + Math.round(Summary.TARGET_HALF_WIDTH * 100) + "% (marked ±n%)" + (wide == 0 ? "" : ": rank those"
                + " rows by their intervals, not their medians") + ".");
        OrderEffect.of(result).ifPresent(lines::add);
        List<WarmUp> warmUps = measured.stream().flatMap(r -> r.repetitions().stream()).map(Repetition::window)
                .filter(Objects::nonNull).map(w -> w.warmUp()).filter(Objects::nonNull).toList();
        if (!warmUps.isEmpty()) {
            long steady = warmUps.stream().filter(WarmUp::steady).count();
            double[] seconds = warmUps.stream().mapToDouble(WarmUp::seconds).sorted().toArray();
            lines.add("**Warm-up:** steady in " + steady + " of " + warmUps.size() + " windows; it took "
                    + Format.number(seconds[seconds.length / 2]) + " s (median), " + Format.number(seconds[0]) + "–"
                    + Format.number(seconds[seconds.length - 1]) + " s.");
        }
        return lines;
    }

    /** The run's calibration: a table and the drift, with a warning above {@link Calibration#DRIFT_WARNING}. */
    public static String calibration(RunResult run) {
        if (run.calibration().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## How steady the machine was\n\n");
        md.append("A fixed CPU load (SHA-256 over 1 MiB in the bench's JVM) at the start, the middle and the end of")
                .append(" the run, with the load average then. The impls are interleaved, so a drift falls on all of")
                .append(" them, but it widens every interval.\n\n");
        Table table = new Table(List.of("when", "at", "SHA-256 MiB/s", "load average (1 min)"));
        for (Calibration c : run.calibration()) {
            table.add(List.of(c.when(), Format.duration(java.time.Duration.ofMillis(Math.round(c.atSeconds() * 1000))),
                    Format.number(c.mibPerSecond()), Format.number(c.loadAverage())));
        }
        md.append(table.markdown()).append('\n');
        double drift = Calibration.drift(run.calibration());
        md.append("Drift: ").append(Format.percent(drift)).append(" between the fastest and the slowest reading");
        if (drift > Calibration.DRIFT_WARNING) {
            md.append(". **Above ").append(Format.percent(Calibration.DRIFT_WARNING)).append(": the machine changed")
                    .append(" speed during this run, so ratios between impls are unreliable in it; compare intervals,")
                    .append(" or run again on a quieter machine.**");
        } else {
            md.append(" (under ").append(Format.percent(Calibration.DRIFT_WARNING)).append(": steady enough for the")
                    .append(" intervals below to be about the stacks).");
        }
        return md.append("\n\n").toString();
    }
}
