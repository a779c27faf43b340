package io.wsbench.bench.chart;

import io.wsbench.bench.result.ScenarioResult;
import java.util.List;

/**
 * A chart a scenario wants, drawn after the run from its result (so it can be redrawn from results.json). Each
 * drawn chart becomes {@code charts/<scenario>-<name>.png} in the run directory and appears under the
 * scenario's tables in the README.
 */
public interface ChartSpec {

    List<DrawnChart> draw(ScenarioResult result);
}
