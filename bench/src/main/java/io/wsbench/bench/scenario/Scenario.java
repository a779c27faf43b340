package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.report.ChartSpec;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import java.util.List;
import java.util.Optional;

/**
 * One thing the bench measures (SPEC §4), in one class, run once per impl.
 *
 * <h2>Adding a scenario</h2>
 * <ol>
 *   <li>Write {@code FooScenario implements Scenario} in this package and add it to {@link Scenarios#ALL}.
 *       It is then selectable as {@code -Dbench.scenarios=foo} and runs by default.</li>
 *   <li>{@link #description()}: two or three sentences, JMH-samples style: what it measures and what would
 *       make it lie. The report prints it above the scenario's tables.</li>
 *   <li>{@link #metrics()}: the columns; the first is the headline the overview tables rank by (ratio to the
 *       best). Values are stored under {@link Metric#key()}.</li>
 *   <li>{@link #variants(Profile)}: every configuration you will measure, as named dimensions
 *       ({@code Variant.of("route", "direct", "size", "64 B")}). Declare them all up front: an impl that
 *       fails verification or throws gets a failed row in each. Overview tables split by the first dimension
 *       when there are two or more.</li>
 *   <li>{@link #run(ScenarioRun)}: for one impl ({@link ScenarioRun#impl()}), for each of
 *       {@code run.profile().repetitions()} repetitions, start the servers with
 *       {@code try (SystemUnderTest sut = run.start(run.topology()))} (adjust the config with its
 *       {@code with…} methods), open load with {@link ScenarioRun#client}, sample CPU and RSS with
 *       {@code sut.sample()} around the measured window, and hand each repetition's figures to
 *       {@link ScenarioRun#record}. Something the impl cannot do is {@link ScenarioRun#notSupported}; a
 *       variant that breaks is {@link ScenarioRun#fail} (with the reason, never a number). Anything you throw
 *       fails the variants not yet complete; other impls still run. Size counts and durations with
 *       {@code run.profile().pick(smoke, quick, full)}.</li>
 *   <li>{@link #charts()}: optional PNGs drawn from the result after the run (see
 *       {@link io.wsbench.bench.report.BarChartByDimension}).</li>
 * </ol>
 * Two scenarios have rows that are not impls: {@link #loadClientsAgainst()} makes the rows the load clients
 * (measured against one fixed server impl), and {@link #ceiling()} adds a reference row measured once per run.
 * The runner verifies every impl before any scenario measures it, prints one progress line per recorded
 * repetition, and writes results.json, one CSV per scenario, the charts and the README tables; a scenario
 * writes no files of its own.
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

    /** Measures one impl: {@link ScenarioRun#impl()}. */
    void run(ScenarioRun run) throws Exception;

    /**
     * Empty (the default): one row per server impl, {@link #run} called once for each. A server impl's name: the
     * rows are the load clients instead ({@code LoadClients.all()}), {@link #run} is called once per client with
     * {@link ScenarioRun#impl()} being that server and {@link ScenarioRun#client} that client, whatever impls
     * the run selected (the clients scenario).
     */
    default Optional<String> loadClientsAgainst() {
        return Optional.empty();
    }

    /**
     * Measures every load client of a {@link #loadClientsAgainst()} scenario, one {@link ScenarioRun} each (the
     * same server impl, each run with its own client). The default measures them one after the other with
     * {@link #run}; a scenario may interleave them, so that a busy machine's slow moments fall on every client.
     */
    default void runLoadClients(List<ScenarioRun> runs) throws Exception {
        for (ScenarioRun run : runs) {
            run(run);
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
