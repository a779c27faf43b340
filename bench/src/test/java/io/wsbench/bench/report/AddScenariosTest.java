package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddScenariosTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void theOtherRunsScenariosOfTheSameCommitAreAddedOnceSayingWhereFrom() throws IOException {
        Path json = run("a.json", "20260101-000000-quick", COMMIT, "echo");
        Path other = run("b.json", "20260101-010000-quick", COMMIT, "echo", "scale");

        String first = AddScenarios.into(json, other);
        String again = AddScenarios.into(json, other);

        List<ScenarioResult> scenarios = ResultsJson.read(json).scenarios();
        assertThat(scenarios).extracting(ScenarioResult::name).containsExactly("echo", "scale");
        assertThat(scenarios.get(0).method()).isEqualTo("echo's own method");
        assertThat(scenarios.get(1).method()).startsWith("measured in run 20260101-010000-quick").endsWith(
                "scale's own method");
        assertThat(first).contains("scale");
        assertThat(again).contains("already holds");
    }

    @Test
    void aRunOfAnotherCommitIsRefusedAndTheResultsStayAsTheyWere() throws IOException {
        Path json = run("a.json", "20260101-000000-quick", COMMIT, "echo");
        Path other = run("b.json", "20260101-010000-quick", "feedface", "scale");
        String before = Files.readString(json);

        assertThatThrownBy(() -> AddScenarios.into(json, other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("feedface").hasMessageContaining(COMMIT);
        assertThat(Files.readString(json)).isEqualTo(before);
    }

    private Path run(String file, String runId, String commit, String... scenarios) throws IOException {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of("jetty", "Jetty 12"), "netty", "nginx/1.22.1", "template", new OpenFileLimit(20000, 20000),
                "", List.of("-Xmx1g"), List.of("-Xmx2g"), "mvn -pl bench verify", commit);
        RunResult.Settings settings = new RunResult.Settings("quick", 500, 1500, 3, List.of("jetty"), List.of(),
                "netty", "mvn -pl bench verify");
        List<ScenarioResult> results = List.of(scenarios).stream().map(name -> new ScenarioResult(name, "test",
                List.of(), List.of(), List.of(), name + "'s own method", 1)).toList();
        Path json = dir.resolve(file);
        ResultsJson.write(new RunResult(runId, "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", settings, env,
                List.of(), results, "events {}\n"), json);
        return json;
    }
}
