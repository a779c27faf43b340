package io.wsbench.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsbench.core.Feature;
import io.wsbench.core.GitCommit;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Records every case × impl outcome (pass, fail, not supported, with what the client saw, e.g. the close code)
 * and writes the matrix to {@code target/conformance.md} when the run ends.
 *
 * <p>A case learns its impl from its {@link ServerImpl} argument; it attaches observations with
 * {@link #saw} and asks {@link #supports} before asserting a feature the impl may have declared unsupported. Such a
 * case asserts what still applies (a failure there is a failure), then the matrix says "not supported: reason" and
 * JUnit reports it as skipped (an aborted assumption): it did not prove what it is named for, so it is not a pass.
 */
public final class ConformanceMatrix implements InvocationInterceptor, BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceMatrix.class);
    private static final ThreadLocal<Cell> CURRENT = new ThreadLocal<>();
    /** section → case → impl → outcome, in the order the cases ran. */
    private static final Map<String, Map<String, Map<String, Cell>>> RESULTS = new LinkedHashMap<>();
    /** impl name → impl, asked for its library when the matrix is written (a reference server knows it once run). */
    private static final Map<String, ServerImpl> IMPLS = new TreeMap<>();
    /** A cell's verdicts ({@link Cell#verdict()}). */
    private static final String PASS = "pass";
    private static final String FAIL = "fail";
    private static final String NOT_SUPPORTED = "not supported";

    /** Attaches what the client saw (a close code, a status) to the running case's cell. */
    static void saw(Object observation) {
        Cell cell = CURRENT.get();
        if (cell != null) {
            cell.seen.add(String.valueOf(observation));
        }
    }

    /**
     * True when the impl claims {@code feature}, so the case must assert it; otherwise records and prints
     * "not supported: reason" for this case, which then asserts only the parts that still apply and ends skipped.
     */
    static boolean supports(ServerImpl impl, Feature feature) {
        String reason = impl.unsupported().get(feature);
        if (reason == null) {
            return true;
        }
        Cell cell = CURRENT.get();
        String note = feature + ": " + reason;
        if (cell != null) {
            cell.notSupported.add(note);
            System.out.println("[" + impl.name() + "] " + cell.caseName + ": not supported: " + note);
        }
        return false;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(MatrixFile.class, k -> new MatrixFile(), MatrixFile.class);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        ServerImpl impl = call.getArguments().stream()
                .filter(ServerImpl.class::isInstance).map(ServerImpl.class::cast)
                .findFirst().orElse(null);
        if (impl == null) {
            invocation.proceed();
            return;
        }
        Cell cell = new Cell(call.getExecutable().getName());
        record(section(context), impl, cell);
        CURRENT.set(cell);
        try {
            invocation.proceed();
        } catch (TestAbortedException e) {
            cell.notSupported.add(String.valueOf(e.getMessage()));
            cell.finish(null);
            throw e;
        } catch (Throwable t) {
            cell.finish(t);
            throw t;
        } finally {
            CURRENT.remove();
        }
        cell.finish(null);
        if (!cell.notSupported.isEmpty()) {
            // what still applied passed, but the case did not prove the behaviour it is named for: a skip, not a pass
            Assumptions.abort("not supported: " + String.join("; ", cell.notSupported));
        }
    }

    private static String section(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        DisplayName name = testClass.getAnnotation(DisplayName.class);
        return name != null ? name.value() : testClass.getSimpleName();
    }

    private static synchronized void record(String section, ServerImpl impl, Cell cell) {
        IMPLS.put(impl.name(), impl);
        RESULTS.computeIfAbsent(section, s -> new LinkedHashMap<>())
                .computeIfAbsent(cell.caseName, c -> new LinkedHashMap<>())
                .put(impl.name(), cell);
    }

    private static String library(ServerImpl impl) {
        try {
            return impl.library();
        } catch (RuntimeException e) {
            return "library unknown: " + e;
        }
    }

    /** One case on one impl. */
    private static final class Cell {
        final String caseName;
        final List<String> seen = new ArrayList<>();
        final List<String> notSupported = new ArrayList<>();
        volatile String failure;
        volatile boolean finished;

        Cell(String caseName) {
            this.caseName = caseName;
        }

        void finish(Throwable t) {
            if (t != null) {
                String message = t instanceof AssertionError && t.getMessage() != null ? t.getMessage() : t.toString();
                failure = message.replaceAll("\\s+", " ").trim();
                if (failure.length() > 600) {
                    failure = failure.substring(0, 597) + "...";
                }
            }
            finished = true;
        }

        String text(List<String> footnotes, String impl) {
            String seenText = seen.isEmpty() ? "" : " (" + String.join(", ", seen) + ")";
            if (!finished) {
                return "did not finish";
            }
            if (failure != null) {
                footnotes.add(impl + " · `" + caseName + "`: " + failure
                        + (notSupported.isEmpty() ? "" : " [declared not supported: " + String.join("; ", notSupported) + "]"));
                return "**FAIL**" + seenText + " [F" + footnotes.size() + "]";
            }
            if (!notSupported.isEmpty()) {
                return "not supported: " + String.join("; ", notSupported) + seenText;
            }
            return "pass" + seenText;
        }

        String verdict() {
            return !finished || failure != null ? FAIL : notSupported.isEmpty() ? PASS : NOT_SUPPORTED;
        }
    }

    /** Written when the engine's root context closes, i.e. after the last test class. */
    private static final class MatrixFile implements AutoCloseable {
        @Override
        public void close() throws IOException {
            String markdown = render();
            Path file = Path.of(System.getProperty("wsbench.matrix", "target/conformance.md"));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, markdown);
            Path json = Path.of(System.getProperty("wsbench.matrix.json", "target/conformance.json"));
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), totals());
            System.out.println();
            System.out.println(markdown);
            System.out.println("conformance matrix written to " + file.toAbsolutePath() + " and " + json.toAbsolutePath());
        }
    }

    /**
     * The matrix's totals per impl, for the bench's "which stack?" table ({@code conformance.json}): when the
     * cases ran, at which commit (the bench only takes a matrix of its own commit), and per impl the cases
     * passed, failed and declared not supported, with the names of the cases that did not pass.
     */
    static synchronized Map<String, Object> totals() {
        Map<String, Object> impls = new TreeMap<>();
        IMPLS.forEach((name, impl) -> {
            Map<String, List<String>> byVerdict = casesByVerdict(name);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("library", library(impl));
            entry.put("pass", byVerdict.get(PASS).size());
            entry.put("fail", byVerdict.get(FAIL).size());
            entry.put("notSupported", byVerdict.get(NOT_SUPPORTED).size());
            entry.put("failed", byVerdict.get(FAIL));
            entry.put("notSupportedCases", byVerdict.get(NOT_SUPPORTED));
            impls.put(name, entry);
        });
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("written", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        all.put("commit", GitCommit.above(Path.of("")));
        all.put("jdk", System.getProperty("java.version"));
        all.put("impls", impls);
        return all;
    }

    /** {@code impl}'s cases ("section: case") under each verdict, in the order they ran. */
    private static Map<String, List<String>> casesByVerdict(String impl) {
        Map<String, List<String>> byVerdict = new LinkedHashMap<>();
        for (String verdict : List.of(PASS, FAIL, NOT_SUPPORTED)) {
            byVerdict.put(verdict, new ArrayList<>());
        }
        RESULTS.forEach((section, cases) -> cases.forEach((caseName, byImpl) -> {
            Cell cell = byImpl.get(impl);
            if (cell != null) {
                byVerdict.get(cell.verdict()).add(section + ": " + caseName);
            }
        }));
        return byVerdict;
    }

    static synchronized String render() {
        TreeSet<String> impls = new TreeSet<>(IMPLS.keySet());
        List<String> footnotes = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append("| case |");
        impls.forEach(i -> table.append(' ').append(i).append(" |"));
        table.append("\n|---|");
        impls.forEach(i -> table.append("---|"));
        table.append('\n');
        // SPEC sections in their order (their names start with "§3.n"), then the rest; cases by name
        Map<String, Map<String, Map<String, Cell>>> sections = new TreeMap<>(
                Comparator.comparing((String name) -> !name.startsWith("§")).thenComparing(Comparator.naturalOrder()));
        sections.putAll(RESULTS);
        sections.forEach((section, cases) -> {
            table.append("| **").append(section).append("** |");
            impls.forEach(i -> table.append(" |"));
            table.append('\n');
            new TreeMap<>(cases).forEach((caseName, byImpl) -> {
                table.append("| `").append(caseName).append("` |");
                for (String impl : impls) {
                    Cell cell = byImpl.get(impl);
                    String text = cell == null ? "–" : cell.text(footnotes, impl);
                    table.append(' ').append(escape(text)).append(" |");
                }
                table.append('\n');
            });
        });

        StringBuilder md = new StringBuilder();
        md.append("# wsbench conformance matrix\n\n");
        md.append("SPEC §3 checked case by case against every server impl on the classpath and the reference servers")
                .append(" (`io.wsbench.conformance`, `mvn test` in `conformance/`).\n\n");
        md.append("- run: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(", JDK ").append(System.getProperty("java.version"))
                .append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        IMPLS.forEach((name, impl) -> {
            Map<String, List<String>> byVerdict = casesByVerdict(name);
            md.append("- `").append(name).append("`: ").append(library(impl)).append(" — ")
                    .append(byVerdict.get(PASS).size()).append(" pass, ").append(byVerdict.get(FAIL).size())
                    .append(" fail, ").append(byVerdict.get(NOT_SUPPORTED).size()).append(" not supported (skipped)\n");
        });
        md.append("\nCells: `pass (what the client saw)`, `**FAIL** [Fn]` (details below), ")
                .append("`not supported: reason` (declared by the impl; the parts of the case that still apply were asserted,")
                .append(" and JUnit reports the case as skipped), ")
                .append("`–` not run.\n\n");
        md.append(table);
        if (!footnotes.isEmpty()) {
            md.append("\n## Failures\n\n");
            for (int i = 0; i < footnotes.size(); i++) {
                md.append("- F").append(i + 1).append(". ").append(footnotes.get(i)).append('\n');
            }
        }
        return md.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
