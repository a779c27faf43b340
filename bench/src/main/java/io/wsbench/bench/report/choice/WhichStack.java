package io.wsbench.bench.report.choice;

import io.wsbench.bench.Stacks;
import io.wsbench.bench.report.Table;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Workaround;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Which stack?", the first section of results/README.md: a pick per workload, what each stack's adapter had to
 * add to its library, and the criteria the picks come from, all from this run's results.json. A reader who stops
 * after it knows which stack for many idle clients, which for heavy traffic, and what each choice costs in adapter
 * work; the scenario sections below hold the evidence.
 */
public final class WhichStack {
    private WhichStack() {
    }

    public static String markdown(RunResult run) {
        StringBuilder md = new StringBuilder();
        md.append("## Which stack?\n\n");
        md.append("Picked from this run's figures: the pick is the best median, or every stack whose 95% interval")
                .append(" overlaps the best's (a tie, not a ranking); the runner-up is the best of the rest, with")
                .append(" its ratio to the best.\n\n");

        boolean references = run.settings().impls().stream().anyMatch(Stacks::isReference);
        if (references) {
            md.append("The reference servers (the design notes' Go + gorilla/websocket, and Node.js + ws) are measured")
                    .append(" alike but picked from never: their column gives each one's ratio to the best Java")
                    .append(" impl (≈ best: a tie with it).\n\n");
        }
        Table profiles = new Table(withReferences(List.of("workload", "pick", "runner-up", "why"), references));
        for (WorkloadProfile profile : WorkloadProfile.ALL) {
            WorkloadProfile.Choice c = profile.choose(run);
            profiles.add(withReferences(List.of(profile.workload(), bold(c.pick()), c.runnerUp(), c.why()),
                    references ? c.references() : null));
        }
        md.append(profiles.markdown()).append('\n');

        adapterWork(md, run);

        md.append("**The criteria**, median [95% interval] of the pick(s) and the runner-up\n\n");
        Table criteria = new Table(withReferences(List.of("criterion", "pick", "runner-up", "figure"), references));
        for (Criterion criterion : Criteria.ALL) {
            Standing s = Standing.of(criterion, run);
            String where = " (" + criterion.figure().where() + ")";
            criteria.add(withReferences(List.of(criterion.name(), s.measured() ? bold(s.pickText()) : "–",
                    s.runnerUpText(), s.measured() ? s.figureText() + where : s.notMeasured()),
                    references ? s.referencesText() : null));
        }
        md.append(criteria.markdown()).append('\n');
        return md.toString();
    }

    /** One row per stack: every workaround its adapter carries, its kind, upstream issue and code lines. */
    private static void adapterWork(StringBuilder md, RunResult run) {
        md.append("**What the adapter had to add**: code each adapter carries for a library defect or a missing")
                .append(" feature, counted at run time between `// workaround:` markers in `impl-*/src/main/java`")
                .append(" (code lines, comments not counted). Every figure in this report is for these patched")
                .append(" stacks; a team choosing one inherits its row.\n\n");
        if (run.workarounds().isEmpty()) {
            md.append("Not recorded in this run: its results.json predates the markers; the next run records them.")
                    .append("\n\n");
            return;
        }
        Map<String, List<Workaround>> byImpl = new LinkedHashMap<>();
        // a reference server is a whole server of its own, not an adapter around a library
        run.settings().impls().stream().filter(impl -> !Stacks.isReference(impl))
                .forEach(impl -> byImpl.put(impl, new ArrayList<>()));
        run.workarounds().forEach(w -> byImpl.computeIfAbsent(w.impl(), i -> new ArrayList<>()).add(w));
        Table table = new Table(List.of("stack", "lines", "workarounds (kind, upstream issue, lines)"));
        for (Map.Entry<String, List<Workaround>> e : byImpl.entrySet()) {
            int lines = e.getValue().stream().mapToInt(Workaround::lines).sum();
            String list = e.getValue().isEmpty() ? "none" : String.join("; ", e.getValue().stream()
                    .map(w -> w.name() + " (" + w.kind() + ", " + (w.upstream().isEmpty() ? "no upstream issue"
                            : w.upstream()) + ", " + w.lines() + ")").toList());
            table.add(List.of(e.getKey(), Integer.toString(lines), list));
        }
        md.append(table.markdown()).append('\n');
    }

    /** {@code cells} with a last "reference servers" cell, {@code reference}; as they are when it is null. */
    private static List<String> withReferences(List<String> cells, String reference) {
        if (reference == null) {
            return cells;
        }
        List<String> all = new ArrayList<>(cells);
        all.add(reference);
        return all;
    }

    /** The header: a "reference servers" column when the run measured any. */
    private static List<String> withReferences(List<String> header, boolean references) {
        return withReferences(header, references ? "reference servers (vs the best Java impl)" : null);
    }

    private static String bold(String s) {
        return s.equals("–") ? s : "**" + s + "**";
    }
}
