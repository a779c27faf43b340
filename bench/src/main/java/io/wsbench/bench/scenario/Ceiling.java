package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.result.Variant;
import java.util.List;

/**
 * A reference a scenario's impls are shown against: measured once per run (not per impl) with the scenario's
 * metrics, its rows marked as the ceiling, so the tables give each impl's headline as a percentage of it
 * ({@link Scenario#ceiling()}; echo's is {@link TcpEchoCeiling}).
 */
public interface Ceiling {

    /** The row's name in the tables, e.g. {@code raw TCP}. */
    String name();

    /** The scenario's variants this ceiling measures (a subset, e.g. the direct route only). */
    List<Variant> variants(Profile profile);

    /**
     * Measures repetition {@code repetition} of every variant, recording into {@code run} as a scenario does;
     * {@code run.impl()} is {@link #name()}. The runner interleaves it with the impls like one of them.
     */
    void repetition(ScenarioRun run, int repetition) throws Exception;
}
