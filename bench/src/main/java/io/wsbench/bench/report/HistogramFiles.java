package io.wsbench.bench.report;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The percentile distribution text beside the tables: for every row that kept histograms, the repetitions
 * merged into one, written as HdrHistogram prints it ({@code <scenario>/<impl>--<variant>--<name>.hgrm}, ms).
 */
public final class HistogramFiles {
    private HistogramFiles() {
    }

    public static void write(ScenarioResult result, Path dir) throws IOException {
        for (Row row : result.rows()) {
            Map<String, Histogram> merged = new LinkedHashMap<>();
            for (Repetition rep : row.repetitions()) {
                rep.histograms().forEach((name, encoded) -> merged
                        .computeIfAbsent(name, n -> new Histogram(3)).add(Histograms.decode(encoded)));
            }
            if (merged.isEmpty()) {
                continue;
            }
            Path scenarioDir = Files.createDirectories(dir.resolve(result.name()));
            for (Map.Entry<String, Histogram> e : merged.entrySet()) {
                String file = row.impl() + "--" + Format.slug(row.variant().label()) + "--" + e.getKey() + ".hgrm";
                String header = "# " + result.name() + ", " + row.impl() + ", " + row.variant().label() + ": "
                        + e.getKey() + " in ms, " + row.repetitions().size() + " repetitions merged\n";
                Files.writeString(scenarioDir.resolve(file),
                        header + Histograms.percentileDistributionMillis(e.getValue()));
            }
        }
    }
}
