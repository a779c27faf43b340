package io.wsbench.bench.report;

import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds to a run the scenarios another run measured and it did not (the opt-in {@code scale} scenario takes half an
 * hour of its own), so one report, and the claims judged from it, can use both. Only a run made at the same
 * commit counts, as for the conformance totals: both then measured the same code. Each added scenario's method
 * says which run it came from.
 */
public final class AddScenarios {

    private AddScenarios() {
    }

    /**
     * Writes into {@code resultsJson} every scenario of {@code other} it does not hold yet.
     *
     * @return one line saying what was done
     * @throws IllegalStateException when either run has no commit or the commits differ, naming both
     */
    public static String into(Path resultsJson, Path other) throws IOException {
        RunResult run = ResultsJson.read(resultsJson);
        RunResult from = ResultsJson.read(other);
        String commit = run.environment().gitCommit();
        String otherCommit = from.environment().gitCommit();
        if (commit.isBlank() || !commit.equals(otherCommit)) {
            throw new IllegalStateException(other + " was measured at commit "
                    + (otherCommit.isBlank() ? "(none recorded)" : otherCommit) + ", " + resultsJson + " at "
                    + (commit.isBlank() ? "(none recorded)" : commit) + ": only a run of the same commit is added");
        }
        Set<String> held = run.scenarios().stream().map(ScenarioResult::name).collect(Collectors.toSet());
        List<ScenarioResult> added = from.scenarios().stream().filter(s -> !held.contains(s.name()))
                .map(s -> new ScenarioResult(s.name(), s.description(), s.metrics(), s.variants(), s.rows(),
                        "measured in run " + from.runId() + " (profile " + from.settings().profile()
                                + ", started " + from.started() + ", the same commit) and added to this report; "
                                + s.method(), s.seconds()))
                .toList();
        if (added.isEmpty()) {
            return resultsJson + " already holds every scenario of " + other + "; left as it is";
        }
        ResultsJson.write(run.withScenarios(added), resultsJson);
        return "added to " + resultsJson + " from " + from.runId() + ": "
                + added.stream().map(ScenarioResult::name).collect(Collectors.joining(", "));
    }
}
