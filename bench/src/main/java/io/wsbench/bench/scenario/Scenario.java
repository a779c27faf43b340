package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import java.util.List;
import java.util.Optional;

/**
 * One thing the bench measures (SPEC §4), in one class. The runner ({@link io.wsbench.bench.BenchRun}) owns the
 * loop: it verifies every impl, then calls {@link #repetition} for repetition 1 of every impl (in an order that
 * rotates each time), then repetition 2, and so on (Kalibera and Jones: interleaving spreads the machine's drift
 * over every impl alike), adds repetitions where a headline interval is still wide, and turns what was recorded
 * into rows, failed rows included. A scenario only says how to measure one repetition of one impl.
 *
 * <h2>Adding a scenario</h2>
 * <ol>
 *   <li>Write {@code FooScenario implements Scenario} in this package and add it to {@link Scenarios#ALL}.
 *       It is then selectable as {@code -Dbench.scenarios=foo} and runs by default.</li>
 *   <li>{@link #description()}: two or three sentences, JMH-samples style: what it measures and what would
 *       make it lie. The report prints it above the scenario's tables.</li>
 *   <li>{@link #method(Profile)}: the warm-up and the measured window as this scenario really runs them; the
 *       report prints it in the scenario's header with the repetitions and the order rule.</li>
 *   <li>{@link #metrics()}: the columns; the first is the headline the overview tables rank by (ratio to the
 *       best, or a tie where the intervals overlap) and the one whose interval decides extra repetitions. Values
 *       are stored under {@link Metric#key()}.</li>
 *   <li>{@link #variants(Profile)}: every configuration you will measure, as named dimensions
 *       ({@code Variant.of("route", "direct", "size", "64 B")}). Declare them all up front: an impl that
 *       fails verification or throws gets a failed row in each. Overview tables split by the first dimension
 *       when there are two or more.</li>
 *   <li>{@link #repetition(ScenarioRun, int)}: one repetition of one impl ({@link ScenarioRun#impl()}): start
 *       the servers with {@code try (SystemUnderTest sut = run.start(run.topology()))} (adjust the config with
 *       its {@code with…} methods), measure every variant once (in {@link ScenarioRun#rotated} order where
 *       several share one JVM), open load with {@link ScenarioRun#client}, sample CPU and RSS with
 *       {@code sut.sample()} around the measured window, and hand the figures to {@link ScenarioRun#record}.
 *       Something the impl cannot do is {@link ScenarioRun#notSupported}; a variant that breaks is
 *       {@link ScenarioRun#fail} (with the reason, never a number); skip variants for which
 *       {@link ScenarioRun#skip} is true. Anything you throw fails the variants this repetition had not
 *       recorded; other impls still run. Size counts and durations with {@code run.profile().pick(smoke, quick,
 *       full)}.</li>
 *   <li>{@link #charts()}: optional PNGs drawn from the result after the run (see
 *       {@link io.wsbench.bench.chart.BarChartByDimension}).</li>
 * </ol>
 * Two scenarios have rows that are not impls: {@link #loadClientsAgainst()} makes the rows the load clients
 * (measured against one fixed server impl), and {@link #ceiling()} adds a reference row, interleaved with the
 * impls like one of them. The runner prints one progress line per recorded window and writes results.json, one
 * CSV per scenario, the charts and the README tables; a scenario writes no files of its own.
 */
public interface Scenario {

    /** Short and lower case, as typed in {@code -Dbench.scenarios=}: {@code echo}, {@code capacity}. */
    String name();

    /** What it measures and what would make it lie, in two or three sentences. */
    String description();

    /** The columns; the first is the headline. */
    List<Metric> metrics();

    /** Every configuration measured for each impl under {@code profile}, in table order. */
    List<Variant> variants(Profile profile);

    /** Measures repetition {@code repetition} (1, 2, …) of one impl, {@link ScenarioRun#impl()}: every variant once. */
    void repetition(ScenarioRun run, int repetition) throws Exception;

    /**
     * The warm-up and the measured window of one repetition, as this scenario runs them under {@code profile}
     * (e.g. "a fresh server JVM; each cell warmed up until steady, then 1 s measured"): the report's header.
     */
    String method(Profile profile);

    /**
     * The repetitions every row of this scenario gets under {@code profile}: the profile's (the default). An opt-in
     * scenario that costs minutes a repetition may take fewer, and says so in its {@link #method}.
     */
    default int repetitions(Profile profile) {
        return profile.repetitions();
    }

    /**
     * True (the default): a row whose headline interval is still wider than ±5% after the profile's repetitions
     * gets more, up to its maximum. False for scenarios whose figures judge behaviour (a close code, a timeout
     * against its limit) rather than rank speed: they keep the profile's repetitions.
     */
    default boolean adaptive() {
        return true;
    }

    /**
     * Empty (the default): one row per server impl. A server impl's name: the rows are the load clients instead
     * ({@code LoadClients.all()}), measured against that server by {@link #runLoadClients}, whatever impls the
     * run selected (the clients scenario).
     */
    default Optional<String> loadClientsAgainst() {
        return Optional.empty();
    }

    /**
     * Measures every load client of a {@link #loadClientsAgainst()} scenario, one {@link ScenarioRun} each (the
     * same server impl, each run with its own client), every repetition, the clients interleaved. The default
     * gives each client a {@link #repetition} per round, in rotated order.
     */
    default void runLoadClients(List<ScenarioRun> runs) throws Exception {
        int repetitions = runs.get(0).profile().repetitions();
        for (int rep = 1; rep <= repetitions; rep++) {
            for (ScenarioRun run : ScenarioRun.rotated(runs, rep)) {
                repetition(run, rep);
            }
        }
    }

    /** A reference measured once per run and shown as the ceiling row of this scenario's tables. */
    default Optional<Ceiling> ceiling() {
        return Optional.empty();
    }

    /** Charts drawn from the result after the run. */
    default List<ChartSpec> charts() {
        return List.of();
    }
}
