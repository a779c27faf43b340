package io.wsbench.bench.result;

import io.wsbench.bench.machine.Environment;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run wrote to results.json; README, CSV and charts are regenerated from this alone.
 *
 * @param nginxConf   the nginx.conf the topologies rendered (the first one; only ports differ between them)
 * @param workarounds what each impl's adapter adds to its library, counted in the adapters' source at run time;
 *                    empty in files of runs before the markers
 */
public record RunResult(String runId, String started, String finished, Settings settings, Environment environment,
                        List<Verification> verification, List<ScenarioResult> scenarios, String nginxConf,
                        List<Calibration> calibration, List<Workaround> workarounds) {

    public RunResult {
        verification = List.copyOf(verification);
        scenarios = List.copyOf(scenarios);
        nginxConf = nginxConf == null ? "" : nginxConf;
        calibration = calibration == null ? List.of() : List.copyOf(calibration);
        workarounds = workarounds == null ? List.of() : List.copyOf(workarounds);
    }

    public RunResult(String runId, String started, String finished, Settings settings, Environment environment,
                     List<Verification> verification, List<ScenarioResult> scenarios, String nginxConf,
                     List<Calibration> calibration) {
        this(runId, started, finished, settings, environment, verification, scenarios, nginxConf, calibration,
                List.of());
    }

    public RunResult(String runId, String started, String finished, Settings settings, Environment environment,
                     List<Verification> verification, List<ScenarioResult> scenarios, String nginxConf) {
        this(runId, started, finished, settings, environment, verification, scenarios, nginxConf, List.of());
    }

    /** This run with {@code added} after its own scenarios (results another run or the conformance suite made). */
    public RunResult withScenarios(List<ScenarioResult> added) {
        List<ScenarioResult> all = new ArrayList<>(scenarios);
        all.addAll(added);
        return new RunResult(runId, started, finished, settings, environment, verification, all, nginxConf,
                calibration, workarounds);
    }

    /**
     * The run's configuration, as plain values.
     *
     * @param warmUpMillis   the cap of each window's steady-state warm-up
     * @param repetitions    every figure's repetitions
     * @param maxRepetitions the most a figure gets while its interval is wide; 0 in files of older runs
     */
    public record Settings(String profile, long warmUpMillis, long measureMillis, int repetitions,
                           List<String> impls, List<String> scenarios, String client, String command,
                           int maxRepetitions) {

        public Settings(String profile, long warmUpMillis, long measureMillis, int repetitions, List<String> impls,
                        List<String> scenarios, String client, String command) {
            this(profile, warmUpMillis, measureMillis, repetitions, impls, scenarios, client, command, repetitions);
        }
    }
}
