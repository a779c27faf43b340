package io.wsbench.bench.report.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.bench.report.ResultsJson;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Workaround;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkaroundMarkersTest {

    @Test
    void countsCodeLinesBetweenMarkersNotCommentsOrBlanks(@TempDir Path root) throws IOException {
        source(root, "impl-demo", "Demo.java", """
                final class Demo {
                    // workaround: own heartbeat | missing | no upstream issue
                    /**
                     * Why the library needs it.
                     */
                    void ping() {

                        send(); // a trailing comment does not make it a comment line
                    }
                    // end workaround: own heartbeat
                    void notCounted() {
                    }
                }
                """);

        assertThat(WorkaroundMarkers.scan(root)).containsExactly(
                new Workaround("demo", "own heartbeat", "missing", "", 3, List.of("src/main/java/Demo.java")));
    }

    @Test
    void regionsOfOneNameAddUpAcrossFiles(@TempDir Path root) throws IOException {
        String region = """
                // workaround: queue bound | missing | Lib/lib#773
                int a;
                int b;
                // end workaround: queue bound
                """;
        source(root, "impl-demo", "A.java", region);
        source(root, "impl-demo", "B.java", region);

        Workaround w = WorkaroundMarkers.scan(root).get(0);
        assertThat(w.lines()).isEqualTo(4);
        assertThat(w.upstream()).isEqualTo("Lib/lib#773");
        assertThat(w.places()).containsExactly("src/main/java/A.java", "src/main/java/B.java");
    }

    @Test
    void anUnpairedMarkerFailsTheScan(@TempDir Path root) throws IOException {
        source(root, "impl-demo", "A.java", """
                // workaround: rescue | defect | no upstream issue
                int a;
                """);

        assertThatThrownBy(() -> WorkaroundMarkers.scan(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rescue").hasMessageContaining("never end");
    }

    @Test
    void theAdaptersCarryTheWorkaroundsTheLibraryNotesName() {
        List<Workaround> all = WorkaroundMarkers.scan(Path.of(".."));

        assertThat(all).extracting(Workaround::impl).contains("java-websocket", "jetty", "netty", "undertow");
        assertThat(all).allSatisfy(w -> assertThat(w.lines()).isPositive());
        assertThat(all).extracting(w -> w.impl() + ": " + w.name()).contains(
                "java-websocket: write-demand rescue", "java-websocket: re-parsing ServerDraft",
                "netty: protocol-handler override", "undertow: READ_LIMIT", "jetty: server heartbeat");
        assertThat(all).filteredOn(w -> w.name().equals("queue bound and WRITE_WAIT") && w.impl().equals(
                "java-websocket")).extracting(Workaround::upstream).containsExactly("TooTallNate/Java-WebSocket#779");
        assertThat(all).filteredOn(w -> w.impl().equals("jetty")).extracting(Workaround::upstream)
                .contains("jetty/jetty.project#847", "jetty/jetty.project#4824");
    }

    @Test
    void theCountsTravelInResultsJsonSoTheTableRegeneratesFromIt(@TempDir Path dir) throws IOException {
        RunResult run = FabricatedRuns.run(List.of(new Workaround("undertow", "text limit on every read", "defect",
                "UNDERTOW-2770", 21, List.of("src/main/java/MessageReader.java"))));
        Path json = dir.resolve("results.json");

        ResultsJson.write(run, json);

        assertThat(ResultsJson.read(json).workarounds()).isEqualTo(run.workarounds());
    }

    private static void source(Path root, String module, String file, String text) throws IOException {
        Path path = root.resolve(module).resolve("src/main/java").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
