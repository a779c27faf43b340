package io.wsbench.bench.result;

import io.wsbench.bench.machine.Environment;
import java.util.List;

/**
 * Everything a run wrote to results.json; README, CSV and charts are regenerated from this alone.
 *
 * @param nginxConf the nginx.conf the topologies rendered (the first one; only ports differ between them)
 */
public record RunResult(String runId, String started, String finished, Settings settings, Environment environment,
                        List<Verification> verification, List<ScenarioResult> scenarios, String nginxConf) {

    public RunResult {
        verification = List.copyOf(verification);
        scenarios = List.copyOf(scenarios);
        nginxConf = nginxConf == null ? "" : nginxConf;
    }

    /** The run's configuration, as plain values. */
    public record Settings(String profile, long warmUpMillis, long measureMillis, int repetitions,
                           List<String> impls, List<String> scenarios, String client, String command) {
    }
}
