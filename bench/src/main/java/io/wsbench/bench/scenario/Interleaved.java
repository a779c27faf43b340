package io.wsbench.bench.scenario;

import io.wsbench.bench.Reasons;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Summary;
import io.wsbench.bench.result.Variant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's loop over repetitions: repetition 1 of every unit (impl, or ceiling) in one order, then repetition
 * 2 with that order rotated by one, and so on (a Latin square), so a drift of the machine over the minutes of a
 * scenario falls on every impl alike instead of on whichever ran last. After the profile's repetitions, the units
 * whose headline interval is still {@link Summary#wide() wide} get more rounds, up to the profile's maximum.
 * A repetition that throws fails the variants it had not recorded; the unit's other repetitions still run.
 */
public final class Interleaved {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    /** How one repetition of a unit is measured: {@code Scenario::repetition} or {@code Ceiling::repetition}. */
    public interface Measure {
        void repetition(ScenarioRun run, int repetition) throws Exception;
    }

    /** One row source of the scenario: its run (where figures go), its declared variants, how it is measured. */
    public record Unit(ScenarioRun run, List<Variant> variants, Measure measure) {
    }

    private Interleaved() {
    }

    /**
     * Runs every unit's repetitions interleaved: {@code repetitions} rounds, then more up to {@code most} for the
     * units whose headline interval is still wide.
     *
     * @throws InterruptedException when interrupted; the incomplete variants are failed first
     */
    public static void run(List<Unit> units, int repetitions, int most, Metric headline)
            throws InterruptedException {
        List<Unit> active = new ArrayList<>(units);
        int last = Math.max(repetitions, most);
        for (int rep = 1; rep <= last && !active.isEmpty(); rep++) {
            for (Unit unit : ScenarioRun.rotated(active, rep)) {
                attempt(unit, rep);
            }
            if (rep >= repetitions) {
                active.removeIf(u -> u.run().widestInterval(headline) <= Summary.TARGET_HALF_WIDTH);
                if (!active.isEmpty() && rep < last) {
                    LOG.info("{}: repetition {} for {}: a {} interval is still wider than ±{}%",
                            units.get(0).run().scenario().name(), rep + 1,
                            active.stream().map(u -> u.run().rowName()).toList(), headline.label(),
                            Math.round(Summary.TARGET_HALF_WIDTH * 100));
                }
            }
        }
    }

    private static void attempt(Unit unit, int rep) throws InterruptedException {
        ScenarioRun run = unit.run();
        if (unit.variants().stream().allMatch(run::skip)) {
            return;
        }
        try {
            unit.measure().repetition(run, rep);
        } catch (InterruptedException e) {
            run.abortRepetition(unit.variants(), rep, "interrupted");
            throw e;
        } catch (IOException e) {
            LOG.warn("{} {} | rep {}: {}", run.scenario().name(), run.rowName(), rep, Reasons.of(e));
            run.abortRepetition(unit.variants(), rep, Reasons.of(e));
        } catch (Exception e) {
            LOG.warn("{} {} | rep {} threw", run.scenario().name(), run.rowName(), rep, e);
            run.abortRepetition(unit.variants(), rep, Reasons.of(e));
        }
    }
}
