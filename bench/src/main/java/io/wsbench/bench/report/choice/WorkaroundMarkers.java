package io.wsbench.bench.report.choice;

import io.wsbench.bench.result.Workaround;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Counts what each adapter adds to its library, from markers in the adapters' own source, so the report's "what the
 * adapter had to add" table is measured like every other figure, not typed into it. A region starts with
 *
 * <pre>{@code // workaround: write-demand rescue | defect | no upstream issue}</pre>
 *
 * (the name, {@code defect} or {@code missing}, and the library's issue or {@code no upstream issue}) and ends
 * with {@code // end workaround: write-demand rescue}. The lines counted are the code lines between the two: not
 * blank, not only a comment (the why of a workaround is free; what a team has to maintain is the code). Regions of
 * one name in one module add up, so a workaround with a call site elsewhere is marked there too. A marker that
 * does not pair fails the scan: a miscounted table would be worse than none.
 */
public final class WorkaroundMarkers {
    private static final Pattern START = Pattern.compile(
            "^\\s*//\\s*workaround:\\s*(.+?)\\s*\\|\\s*(defect|missing)\\s*\\|\\s*(.+?)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*//\\s*end workaround:\\s*(.+?)\\s*$");
    /** What the third field says when no upstream issue names the problem. */
    static final String NO_ISSUE = "no upstream issue";
    /** Adapter modules: {@code impl-<name>} beside bench, each with its sources under src/main/java. */
    private static final String MODULE_PREFIX = "impl-";

    private WorkaroundMarkers() {
    }

    /**
     * Every marked workaround of every {@code impl-*} module under {@code projectRoot}, modules and files in name
     * order; empty when the sources are not there (the bench run from a copied jar).
     */
    public static List<Workaround> scan(Path projectRoot) {
        if (!Files.isDirectory(projectRoot)) {
            return List.of();
        }
        List<Workaround> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(projectRoot)) {
            for (Path module : modules.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(MODULE_PREFIX)).sorted().toList()) {
                all.addAll(scanModule(module));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static List<Workaround> scanModule(Path module) throws IOException {
        String impl = module.getFileName().toString().substring(MODULE_PREFIX.length());
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        Map<String, Tally> tallies = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                count(module.relativize(file).toString(), Files.readAllLines(file), tallies);
            }
        }
        return tallies.values().stream().map(t -> t.workaround(impl)).toList();
    }

    /** Adds the marked regions of one file to {@code tallies}, by name. */
    static void count(String place, List<String> lines, Map<String, Tally> tallies) {
        Map<String, Tally> open = new LinkedHashMap<>();
        boolean inBlockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher start = START.matcher(line);
            Matcher end = END.matcher(line);
            if (start.matches()) {
                String name = start.group(1);
                String upstream = start.group(3).equals(NO_ISSUE) ? "" : start.group(3);
                Tally tally = tallies.computeIfAbsent(name, n -> new Tally(n, start.group(2), upstream));
                if (open.put(name, tally) != null) {
                    throw new IllegalStateException(place + ":" + (i + 1) + ": workaround '" + name
                            + "' starts again before it ends");
                }
                tally.places.add(place);
            } else if (end.matches()) {
                if (open.remove(end.group(1)) == null) {
                    throw new IllegalStateException(place + ":" + (i + 1) + ": workaround '" + end.group(1)
                            + "' ends without a start");
                }
            } else {
                String code = line.strip();
                boolean comment = inBlockComment || code.startsWith("//") || code.startsWith("/*");
                if (code.startsWith("/*") || inBlockComment) {
                    inBlockComment = !code.contains("*/");
                }
                if (!code.isEmpty() && !comment) {
                    open.values().forEach(t -> t.lines++);
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(place + ": workaround(s) " + open.keySet() + " never end");
        }
    }

    /** One workaround's lines so far, over the regions and files seen. */
    static final class Tally {
        private final String name;
        private final String kind;
        private final String upstream;
        private final Set<String> places = new LinkedHashSet<>();
        private int lines;

        Tally(String name, String kind, String upstream) {
            this.name = name;
            this.kind = kind;
            this.upstream = upstream;
        }

        Workaround workaround(String impl) {
            return new Workaround(impl, name, kind, upstream, lines, List.copyOf(places));
        }
    }
}
