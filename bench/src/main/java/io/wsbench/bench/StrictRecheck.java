package io.wsbench.bench;

import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.scenario.Scenario;
import io.wsbench.bench.scenario.Scenarios;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict mode's second look at the rows that failed: each scenario with a failed row runs once more for the impls
 * that failed it, and only a row that fails again counts. Strict mode (the smoke run CI makes) is there to catch a
 * broken bench, which fails every time; a library that fails one connection of thousands now and then (a race in
 * its handshake, seen in CI) is a finding the report keeps as a failed row, not a broken bench. The second run
 * writes no report: the first run's report stays as it was, failed rows included; the log says what the second
 * run saw.
 */
final class StrictRecheck {
    private static final Logger LOG = LoggerFactory.getLogger("wsbench");

    private StrictRecheck() {
    }

    /**
     * Runs again each scenario of {@code result} with a failed row, through {@code rerun} (the scenario and the
     * impls to run it for, to the result), and returns how many rows failed again.
     */
    static long failedAgain(RunResult result, List<String> impls,
                            Function<Rerun, RunResult> rerun) {
        long again = 0;
        for (Map.Entry<String, Set<String>> failed : failedImplsByScenario(result).entrySet()) {
            Scenario scenario = Scenarios.find(failed.getKey()).orElseThrow();
            List<String> those = impls.stream().filter(failed.getValue()::contains).toList();
            // rows of load clients, raw TCP or zlib are not server impls: the scenario runs again as it ran
            List<String> runFor = those.isEmpty() ? impls : those;
            LOG.warn("strict mode: {} failed for {}; running it once more for {} to tell a broken bench (fails"
                    + " again) from an intermittent failure", scenario.name(), failed.getValue(), runFor);
            for (ScenarioResult s : rerun.apply(new Rerun(scenario, runFor)).scenarios()) {
                for (Row row : s.rows()) {
                    if (row.status() == Status.FAILED && failed.getValue().contains(row.impl())) {
                        LOG.error("strict mode: {} {} | {} failed again: {}", s.name(), row.impl(),
                                row.variant().label(), row.reason());
                        again++;
                    }
                }
            }
        }
        return again;
    }

    /** The scenarios with a failed row, each with the impls (or clients, or ceilings) whose rows failed. */
    static Map<String, Set<String>> failedImplsByScenario(RunResult result) {
        Map<String, Set<String>> failed = new LinkedHashMap<>();
        for (ScenarioResult s : result.scenarios()) {
            for (Row row : s.rows()) {
                if (row.status() == Status.FAILED) {
                    failed.computeIfAbsent(s.name(), k -> new LinkedHashSet<>()).add(row.impl());
                }
            }
        }
        return failed;
    }

    /** One scenario to run again, for these impls. */
    record Rerun(Scenario scenario, List<String> impls) {
    }
}
