package io.wsbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderEffectTest {
    private static final Metric THROUGHPUT = Metric.higher("msgs_per_s", "throughput", "msgs/s");
    private static final Variant A = Variant.of("route", "direct");
    private static final Variant B = Variant.of("route", "nginx");

    @Test
    void aColdFirstCellShowsAsARatioBelowOne() {
        // two cells, rotated: rep 1 runs A then B, rep 2 B then A; whichever runs first gets half the throughput
        List<Repetition> a = List.of(rep(1, 50, 0), rep(2, 100, 3), rep(3, 50, 4));
        List<Repetition> b = List.of(rep(1, 100, 1), rep(2, 50, 2), rep(3, 100, 5));
        String line = OrderEffect.of(result(a, b)).orElseThrow();
        assertThat(line).contains("×0.50 of the same cell").contains("still special");
    }

    @Test
    void noWindowDataSaysNothing() {
        List<Repetition> a = List.of(new Repetition(1, Map.of("msgs_per_s", 1.0), Map.of()));
        assertThat(OrderEffect.of(result(a, a))).isEmpty();
    }

    private static Repetition rep(int index, double value, int order) {
        return new Repetition(index, Map.of(THROUGHPUT.key(), value), Map.of(), new Window(order, order, null));
    }

    private static ScenarioResult result(List<Repetition> a, List<Repetition> b) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("netty", A, Status.OK, "", false, a, List.of()));
        rows.add(new Row("netty", B, Status.OK, "", false, b, List.of()));
        return new ScenarioResult("echo", "", List.of(THROUGHPUT), List.of(A, B), rows);
    }
}
