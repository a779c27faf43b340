package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.ConformanceTotals;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddConformanceTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void aMatrixOfTheRunsOwnCommitIsAddedOnce() throws IOException {
        Path json = run(COMMIT);

        AddConformance.into(json, matrix(COMMIT));
        String again = AddConformance.into(json, matrix(COMMIT));

        List<ScenarioResult> scenarios = ResultsJson.read(json).scenarios();
        assertThat(scenarios).extracting(ScenarioResult::name).containsExactly(ConformanceTotals.NAME);
        assertThat(scenarios.get(0).rows()).singleElement().satisfies(r -> assertThat(
                r.summary(ConformanceTotals.PASSED_SHARE.key()).orElseThrow().median()).isEqualTo(100.0));
        assertThat(again).contains("already holds");
    }

    @Test
    void aMatrixOfAnotherCommitIsRefusedAndTheResultsStayAsTheyWere() throws IOException {
        Path json = run(COMMIT);
        String before = Files.readString(json);

        assertThatThrownBy(() -> AddConformance.into(json, matrix("feedface")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("feedface").hasMessageContaining(COMMIT);
        assertThat(Files.readString(json)).isEqualTo(before);
    }

    private Path run(String commit) throws IOException {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of("jetty", "Jetty 12"), "netty", "nginx/1.22.1", "template", new OpenFileLimit(20000, 20000),
                "", List.of("-Xmx1g"), List.of("-Xmx2g"), "mvn -pl bench verify", commit);
        RunResult.Settings settings = new RunResult.Settings("quick", 500, 1500, 3, List.of("jetty"), List.of(),
                "netty", "mvn -pl bench verify");
        Path json = dir.resolve("results.json");
        ResultsJson.write(new RunResult("20260101-000000-quick", "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z",
                settings, env, List.of(), List.of(), "events {}\n"), json);
        return json;
    }

    private Path matrix(String commit) throws IOException {
        Path file = dir.resolve("conformance.json");
        Files.writeString(file, """
                { "written" : "2026-12-07T10:44:26Z", "commit" : "%s", "jdk" : "17.0.15",
                  "impls" : { "jetty" : { "library" : "Jetty 12.1.10", "pass" : 61, "fail" : 0, "notSupported" : 0,
                      "failed" : [ ], "notSupportedCases" : [ ] } } }
                """.formatted(commit));
        return file;
    }
}
