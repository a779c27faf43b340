package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void everyReportFileIsDerivedFromResultsJson(@TempDir Path out) throws Exception {
        RunResult run = SampleRuns.run();
        Path readme = ReportWriter.write(run, out);

        Path runDir = out.resolve(run.runId());
        assertThat(readme).isEqualTo(out.resolve("README.md"));
        assertThat(ResultsJson.read(runDir.resolve("results.json"))).isEqualTo(run);
        assertThat(runDir.resolve("echo.csv")).content().startsWith("impl,route,size,status,reason,repetition,");
        assertThat(runDir.resolve("echo-summary.csv")).content().contains("jetty,nginx,1 KiB,failed,");
        assertThat(runDir.resolve("echo/netty--direct-64-b--latency.hgrm")).exists();
        assertThat(runDir.resolve("charts/echo-throughput-direct.png")).exists();
        assertThat(runDir.resolve("nginx.conf")).hasContent("events {}");
        assertThat(Files.readString(readme)).contains("## echo", "mvn -pl bench verify", "failed [1]",
                "(" + run.runId() + "/charts/echo-throughput-direct.png)");
    }

    @Test
    void regeneratingFromTheJsonGivesTheSameReadme(@TempDir Path out) throws Exception {
        Path readme = ReportWriter.write(SampleRuns.run(), out);
        String first = Files.readString(readme);
        ReportWriter.regenerate(out.resolve(SampleRuns.run().runId()).resolve("results.json"));
        assertThat(readme).hasContent(first);
    }
}
