package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * results/README.md is generated, never edited: regenerating it from the results.json it names reproduces it byte
 * for byte. A change to the report code therefore ships with the regenerated README (ReportWriter.main), and a
 * hand edit of either file fails here.
 */
class CommittedReportTest {
    /** Surefire runs in the bench module; the committed results sit beside it. */
    private static final Path RESULTS = Path.of("..", "results");

    @Test
    void regeneratingTheCommittedRunReproducesResultsReadmeByteForByte(@TempDir Path out) throws IOException {
        String committed = Files.readString(RESULTS.resolve("README.md"));
        String run = runTheReadmeNames(committed);
        Path json = out.resolve(run).resolve("results.json");
        Files.createDirectories(json.getParent());
        Files.copy(RESULTS.resolve(run).resolve("results.json"), json);

        String first = Files.readString(ReportWriter.regenerate(json));

        if (!first.equals(committed)) {
            // for a diff against the committed file: copy it over results/README.md once the change is meant
            Files.writeString(Path.of("target", "regenerated-README.md"), first);
        }
        assertThat(first).as("results/README.md regenerated from results/%s/results.json (see"
                + " bench/target/regenerated-README.md)", run).isEqualTo(committed);
    }

    /** The run directory whose results.json the README links to. */
    private static String runTheReadmeNames(String readme) throws IOException {
        try (Stream<Path> dirs = Files.list(RESULTS)) {
            List<String> named = dirs.filter(d -> Files.exists(d.resolve("results.json")))
                    .map(d -> d.getFileName().toString())
                    .filter(name -> readme.contains("](" + name + "/results.json)"))
                    .toList();
            assertThat(named).as("run directories results/README.md links to").hasSize(1);
            return named.get(0);
        }
    }
}
