package io.wsbench.bench.report;

import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Summary;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per scenario: {@code <scenario>.csv} with one line per repetition (the raw figures) and
 * {@code <scenario>-summary.csv} with median, min and max per row. Variant dimensions are columns of their own.
 */
public final class CsvFiles {
    private CsvFiles() {
    }

    public static void write(ScenarioResult result, Path dir) throws IOException {
        List<String> dims = dimensions(result);
        List<Metric> metrics = result.metrics();

        List<String> raw = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("impl"));
        header.addAll(dims);
        header.addAll(List.of("status", "reason", "repetition"));
        metrics.forEach(m -> header.add(m.key()));
        raw.add(line(header));
        for (Row row : result.rows()) {
            if (row.repetitions().isEmpty()) {
                raw.add(line(prefix(row, dims, "")));
            }
            for (Repetition rep : row.repetitions()) {
                List<String> cells = prefix(row, dims, Integer.toString(rep.index()));
                metrics.forEach(m -> cells.add(number(rep.values().get(m.key()))));
                raw.add(line(cells));
            }
        }
        Files.write(dir.resolve(result.name() + ".csv"), raw);

        List<String> summary = new ArrayList<>();
        List<String> sumHeader = new ArrayList<>(List.of("impl"));
        sumHeader.addAll(dims);
        sumHeader.addAll(List.of("status", "reason", "repetitions"));
        metrics.forEach(m -> sumHeader.addAll(List.of(m.key() + "_median", m.key() + "_ci_low", m.key() + "_ci_high",
                m.key() + "_min", m.key() + "_max")));
        sumHeader.add(result.headline().key() + "_ratio_to_best");
        sumHeader.add(result.headline().key() + "_vs_best");
        summary.add(line(sumHeader));
        for (Row row : result.rows()) {
            List<String> cells = prefix(row, dims, Integer.toString(row.repetitions().size()));
            for (Metric m : metrics) {
                Optional<Summary> s = row.summary(m.key());
                cells.add(s.map(x -> number(x.median())).orElse(""));
                cells.add(s.map(x -> number(x.ciLow())).orElse(""));
                cells.add(s.map(x -> number(x.ciHigh())).orElse(""));
                cells.add(s.map(x -> number(x.min())).orElse(""));
                cells.add(s.map(x -> number(x.max())).orElse(""));
            }
            Optional<Double> best = result.best(result.headline(), row.variant());
            cells.add(row.summary(result.headline().key()).flatMap(s -> best.filter(b -> b != 0)
                    .map(b -> number(s.median() / b))).orElse(""));
            cells.add(result.versusBest(row, result.headline()).orElse(""));
            summary.add(line(cells));
        }
        Files.write(dir.resolve(result.name() + "-summary.csv"), summary);
    }

    private static List<String> dimensions(ScenarioResult result) {
        Set<String> dims = new LinkedHashSet<>();
        result.variants().forEach(v -> dims.addAll(v.dimensions().keySet()));
        result.rows().forEach(r -> dims.addAll(r.variant().dimensions().keySet()));
        return List.copyOf(dims);
    }

    private static List<String> prefix(Row row, List<String> dims, String repetition) {
        List<String> cells = new ArrayList<>(List.of(row.ceiling() ? row.impl() + " (ceiling)" : row.impl()));
        dims.forEach(d -> cells.add(Optional.ofNullable(row.variant().get(d)).orElse("")));
        cells.addAll(List.of(row.status().name().toLowerCase(Locale.ROOT), row.reason(), repetition));
        return cells;
    }

    private static String number(Double v) {
        // Plain decimal text, no exponent, no grouping: what spreadsheets read back as the same number.
        return v == null || v.isNaN() ? "" : new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(CsvFiles::quote).collect(Collectors.joining(","));
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
