package io.wsbench.bench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conformance suite's totals per impl, as a part of results.json beside the scenarios, so the "which stack?"
 * table can rank the stacks by SPEC §3 cases passed. The bench does not run the suite (minutes of the budget); it
 * reads {@code conformance/target/conformance.json}, which {@code mvn test} writes, and takes it only when it
 * was made at the run's own commit: {@code mvn -pl bench -am verify} runs the suite first in the same build, and a
 * run with {@code -DskipTests} takes the matrix of an earlier {@code mvn test} at that commit, or goes without.
 */
public final class ConformanceTotals {
    /** The name of its part of results.json, where the criteria find it. */
    public static final String NAME = "conformance";
    /** Where {@code mvn test} leaves the matrix, from the project root the bench runs in. */
    public static final Path FILE = Path.of("conformance", "target", "conformance.json");

    public static final Metric PASSED_SHARE = Metric.higher("passed_pct", "passed", "% of cases");
    public static final Metric PASSED = Metric.context("passed", "pass", "cases");
    public static final Metric FAILED = Metric.lower("failed", "fail", "cases");
    public static final Metric NOT_SUPPORTED = Metric.context("not_supported", "not supported", "cases");
    public static final Variant SUITE = Variant.of("suite", "SPEC §3 cases");

    private ConformanceTotals() {
    }

    /**
     * The matrix at {@code file} as a result for {@code impls}, or empty, with the reason in {@code why}, when
     * there is none or it was made at another commit than {@code commit}.
     */
    public static Optional<ScenarioResult> read(Path file, String commit, List<String> impls, List<String> why)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            why.add("no " + file + ": the conformance suite did not run (`mvn test`, or the bench without"
                    + " -DskipTests)");
            return Optional.empty();
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        String madeAt = root.path("commit").asText("");
        if (commit.isEmpty() || !commit.equals(madeAt)) {
            why.add(file + " was written at commit " + (madeAt.isEmpty() ? "unknown" : madeAt)
                    + ", not this run's " + (commit.isEmpty() ? "(unknown)" : commit) + ": left out");
            return Optional.empty();
        }
        String written = root.path("written").asText("?");
        List<Row> rows = new ArrayList<>();
        for (String impl : impls) {
            JsonNode entry = root.path("impls").path(impl);
            if (entry.isMissingNode()) {
                rows.add(new Row(impl, SUITE, Status.NOT_MEASURED, "the suite written at " + written
                        + " did not run against " + impl + " (-Dwsbench.impls narrowed it)", false, List.of(), List.of()));
                continue;
            }
            int pass = entry.path("pass").asInt();
            int fail = entry.path("fail").asInt();
            int notSupported = entry.path("notSupported").asInt();
            int cases = pass + fail + notSupported;
            Map<String, Double> values = Map.of(PASSED_SHARE.key(), cases == 0 ? 0.0 : 100.0 * pass / cases,
                    PASSED.key(), (double) pass, FAILED.key(), (double) fail,
                    NOT_SUPPORTED.key(), (double) notSupported);
            List<String> notes = new ArrayList<>();
            entry.path("failed").forEach(c -> notes.add("failed: " + c.asText()));
            entry.path("notSupportedCases").forEach(c -> notes.add("not supported: " + c.asText()));
            rows.add(new Row(impl, SUITE, Status.OK, "", false, List.of(new Repetition(1, values, Map.of())), notes));
        }
        return Optional.of(new ScenarioResult(NAME, "The conformance suite (SPEC §3, `mvn test` in conformance/;"
                + " its whole matrix is conformance/target/conformance.md) counted per impl: cases passed, failed,"
                + " and declared not supported (a skip, not a pass). One run of the suite, so no interval: two"
                + " stacks tie only on the same share.", List.of(PASSED_SHARE, PASSED, FAILED, NOT_SUPPORTED),
                List.of(SUITE), rows, "read from " + file + ", written at " + written + " by the suite at this"
                + " run's commit (JDK " + root.path("jdk").asText("?") + ")", 0));
    }
}
