package io.wsbench.bench.report;

import io.wsbench.bench.result.ConformanceTotals;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the conformance suite's totals to a run made without them (a bench run with {@code -DskipTests} before the
 * suite ran at its commit), under the rule the run itself applies: only a matrix written at the run's own commit
 * counts. The suite and the bench measure the same code either way; this only saves a second bench run.
 */
public final class AddConformance {

    private AddConformance() {
    }

    /**
     * Writes {@code matrix}'s totals into {@code resultsJson} when it has none.
     *
     * @return one line saying what was done
     * @throws IllegalStateException when the matrix is missing or was written at another commit, saying which
     */
    public static String into(Path resultsJson, Path matrix) throws IOException {
        RunResult run = ResultsJson.read(resultsJson);
        if (run.scenarios().stream().anyMatch(s -> s.name().equals(ConformanceTotals.NAME))) {
            return resultsJson + " already holds conformance totals; left as it is";
        }
        List<String> why = new ArrayList<>();
        ScenarioResult totals = ConformanceTotals.read(matrix, run.environment().gitCommit(), run.settings().impls(),
                why).orElseThrow(() -> new IllegalStateException(String.join("; ", why)));
        ResultsJson.write(run.withScenarios(List.of(totals)), resultsJson);
        return "added to " + resultsJson + ": conformance totals " + totals.method();
    }
}
