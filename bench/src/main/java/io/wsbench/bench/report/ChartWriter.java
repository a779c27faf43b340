package io.wsbench.bench.report;

import io.wsbench.bench.chart.ChartSpec;
import io.wsbench.bench.chart.DrawnChart;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/** Draws a scenario's {@link ChartSpec}s into {@code charts/} of the run directory, as PNG. */
public final class ChartWriter {
    private ChartWriter() {
    }

    /** A written chart: its path relative to the run directory, and its title. */
    public record Written(String path, String title) {
    }

    public static List<Written> write(Scenario scenario, ScenarioResult result, Path runDir) throws IOException {
        List<Written> written = new ArrayList<>();
        Path dir = runDir.resolve("charts");
        for (ChartSpec spec : scenario.charts()) {
            for (DrawnChart drawn : spec.draw(result)) {
                Files.createDirectories(dir);
                String name = result.name() + "-" + drawn.name();
                BitmapEncoder.saveBitmap(drawn.chart(), dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
                written.add(new Written("charts/" + name + ".png", drawn.title()));
            }
        }
        return written;
    }
}
