package io.wsbench.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A table of text cells, written as Markdown (README) or as aligned plain text (the terminal). */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append(markdownLine(headers));
        s.append("|").append("---|".repeat(headers.size())).append('\n');
        rows.forEach(r -> s.append(markdownLine(r)));
        return s.toString();
    }

    public String text() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(textLine(headers, widths));
        int total = 0;
        for (int w : widths) {
            total += w + 2;
        }
        s.append("-".repeat(Math.max(0, total - 2))).append('\n');
        rows.forEach(r -> s.append(textLine(r, widths)));
        return s.toString();
    }

    private static String markdownLine(List<String> cells) {
        StringBuilder s = new StringBuilder("|");
        cells.forEach(c -> s.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        return s.append('\n').toString();
    }

    private static String textLine(List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            // The first column (the impl) reads left to right; figures line up on the right.
            s.append(i == 0 ? c + " ".repeat(widths[i] - c.length()) : " ".repeat(widths[i] - c.length()) + c);
            s.append(i == cells.size() - 1 ? "" : "  ");
        }
        return s.toString().stripTrailing() + "\n";
    }
}
