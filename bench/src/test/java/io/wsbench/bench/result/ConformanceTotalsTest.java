package io.wsbench.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.wsbench.bench.report.choice.Criteria;
import io.wsbench.bench.report.choice.Standing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceTotalsTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void aMatrixOfTheRunsCommitGivesEachImplItsShareOfCasesPassed() throws IOException {
        Path file = matrix(COMMIT);
        List<String> why = new ArrayList<>();

        ScenarioResult result = ConformanceTotals.read(file, COMMIT, List.of("jetty", "java-websocket", "netty"), why)
                .orElseThrow();

        assertThat(why).isEmpty();
        assertThat(result.name()).isEqualTo(ConformanceTotals.NAME);
        Row jws = row(result, "java-websocket");
        assertThat(jws.summary(ConformanceTotals.PASSED_SHARE.key()).orElseThrow().median())
                .isCloseTo(100.0 * 60 / 61, offset(1e-9));
        assertThat(jws.notes()).containsExactly("not supported: §3.1 Handshake: plainGetAtPathIs400Or426");
        assertThat(row(result, "jetty").summary(ConformanceTotals.PASSED_SHARE.key()).orElseThrow().median())
                .isEqualTo(100.0);
        assertThat(row(result, "netty").status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(row(result, "netty").reason()).contains("did not run against netty");
    }

    @Test
    void aMatrixOfAnotherCommitIsLeftOutAndSaysWhy() throws IOException {
        List<String> why = new ArrayList<>();

        Optional<ScenarioResult> result = ConformanceTotals.read(matrix("feedface"), COMMIT, List.of("jetty"), why);

        assertThat(result).isEmpty();
        assertThat(why).singleElement().asString().contains("feedface").contains(COMMIT).contains("left out");
    }

    @Test
    void noMatrixSaysTheSuiteDidNotRun() throws IOException {
        List<String> why = new ArrayList<>();

        assertThat(ConformanceTotals.read(dir.resolve("none.json"), COMMIT, List.of("jetty"), why)).isEmpty();
        assertThat(why).singleElement().asString().contains("did not run");
    }

    @Test
    void theCriterionPicksTheStacksThatPassedEveryCaseAsATie() throws IOException {
        ScenarioResult totals = ConformanceTotals.read(matrix(COMMIT), COMMIT,
                List.of("jetty", "java-websocket", "undertow"), new ArrayList<>()).orElseThrow();
        RunResult run = new RunResult("r", "", "", null, null, List.of(), List.of(totals), "");

        Standing s = Standing.of(Criteria.CONFORMANCE, run);

        assertThat(s.picks()).extracting(Standing.Placed::impl).containsExactlyInAnyOrder("jetty", "undertow");
        // 60 of 61 is 1.6% under 61 of 61: a count, so not the measured figures' 2% tie
        assertThat(s.runnerUp()).map(Standing.Placed::impl).contains("java-websocket");
        assertThat(s.runnerUp()).map(Standing.Placed::versusBest).contains("×0.98");
    }

    private Path matrix(String commit) throws IOException {
        Path file = dir.resolve("conformance.json");
        Files.writeString(file, """
                {
                  "written" : "2026-12-07T10:44:26Z",
                  "commit" : "%s",
                  "jdk" : "17.0.15",
                  "impls" : {
                    "java-websocket" : { "library" : "Java-WebSocket 1.6.0", "pass" : 60, "fail" : 0,
                      "notSupported" : 1, "failed" : [ ],
                      "notSupportedCases" : [ "§3.1 Handshake: plainGetAtPathIs400Or426" ] },
                    "jetty" : { "library" : "Jetty 12.1.10", "pass" : 61, "fail" : 0, "notSupported" : 0,
                      "failed" : [ ], "notSupportedCases" : [ ] },
                    "undertow" : { "library" : "Undertow 2.3.26.Final", "pass" : 61, "fail" : 0, "notSupported" : 0,
                      "failed" : [ ], "notSupportedCases" : [ ] }
                  }
                }
                """.formatted(commit));
        return file;
    }

    private static Row row(ScenarioResult result, String impl) {
        return result.rows().stream().filter(r -> r.impl().equals(impl)).findFirst().orElseThrow();
    }
}
