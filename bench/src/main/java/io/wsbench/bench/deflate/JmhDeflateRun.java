package io.wsbench.bench.deflate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsbench.bench.Profile;
import io.wsbench.bench.frames.FrameBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DeflateBenchmark} for one codec through JMH's Runner API (both directions, every size and level of the
 * profile), and {@link FrameBenchmark} (frame encode and decode, every size) when asked, and hands back each
 * benchmark's iteration scores (µs per message) by direction, size and level, read from JMH's JSON result.
 *
 * <p>A "fork" here is one JVM per codec that runs all of that codec's benchmarks one after the other (JMH with
 * {@code forks=0} inside it, started by this class with {@link #main}), not JMH's JVM per benchmark: a JVM start on
 * the shared 2-core machine costs 2–3 s, more than a quick benchmark measures, and this way the libraries still never
 * share a JIT profile. The benchmarks of one codec do share one (the same code at other levels and directions).
 * One call is one such JVM (one repetition of the scenario); without {@link JmhSettings#fork()} (smoke) JMH runs
 * inside the bench's own JVM.
 */
public final class JmhDeflateRun {
    /** The codec JVMs' heap: small and fixed, so every run starts the same JVM. */
    private static final List<String> FORK_JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    private static final long FORK_TIMEOUT_MINUTES = 30;

    /** One benchmark's figures: every measured iteration's µs/op, and JMH's score ± 99.9% error. */
    public record Result(List<Double> iterations, double score, double error) {
    }

    /**
     * A benchmark's identity: {@code encode}/{@code decode} (deflate) or {@code frame encode}/{@code frame decode},
     * target size, level (0 for frames).
     */
    public record Key(String direction, int size, int level) {
    }

    private JmhDeflateRun() {
    }

    /**
     * @param failures gets why a benchmark has no result (the first exception line JMH printed), if any is missing
     * @return the results JMH produced
     */
    public static Map<Key, Result> run(String codec, Profile profile, boolean frames, List<String> failures)
            throws IOException, RunnerException, InterruptedException {
        JmhSettings settings = JmhSettings.of(profile);
        Map<Key, Result> out = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("wsbench-jmh-" + codec);
        try {
            Path log = dir.resolve("jmh.txt");
            Path json = dir.resolve("result.json");
            if (settings.fork()) {
                runInFork(codec, profile, frames, json, log);
            } else {
                runHere(codec, settings, frames, json, log);
            }
            if (Files.exists(json)) {
                merge(out, json);
            }
            int expected = 2 * settings.sizes().size() * (JmhSettings.LEVELS.size() + (frames ? 1 : 0));
            if (out.size() < expected) {
                failures.add(firstException(log));
            }
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The codec JVM: {@code JmhDeflateRun <codec> <profile> <frames: true|false> <result.json>}, JMH's text output
     * on stdout.
     */
    public static void main(String[] args) throws Exception {
        JmhSettings settings = JmhSettings.of(Profile.named(args[1]));
        runHere(args[0], settings, Boolean.parseBoolean(args[2]), Path.of(args[3]), null);
    }

    /** JMH in this JVM; {@code log} null means JMH prints to stdout. */
    private static void runHere(String codec, JmhSettings settings, boolean frames, Path json, Path log)
            throws RunnerException {
        String classes = Pattern.quote(DeflateBenchmark.class.getName())
                + (frames ? "|" + Pattern.quote(FrameBenchmark.class.getName()) : "");
        OptionsBuilder options = new OptionsBuilder();
        options.include("^(" + classes + ")\\.(encode|decode)$")
                .param("codec", codec)
                .param("size", settings.sizes().stream().map(String::valueOf).toArray(String[]::new))
                .param("level", JmhSettings.LEVELS.stream().map(String::valueOf).toArray(String[]::new))
                .forks(0)
                .threads(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.measurementIterations())
                .measurementTime(settings.measurementTime())
                .shouldFailOnError(false)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        if (log != null) {
            options.output(log.toString());
        }
        new Runner(options.build()).run();
    }

    private static void runInFork(String codec, Profile profile, boolean frames, Path json, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FORK_JVM_ARGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JmhDeflateRun.class.getName(), codec,
                profile.name(), String.valueOf(frames), json.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(FORK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IOException("the JMH JVM for " + codec + " ran over " + FORK_TIMEOUT_MINUTES + " minutes");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    /** Adds one JMH JSON result file's benchmarks to {@code out}. */
    private static void merge(Map<Key, Result> out, Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (JsonNode b : root) {
            String benchmark = b.get("benchmark").asText();
            JsonNode params = b.get("params");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            boolean frame = benchmark.startsWith(FrameBenchmark.class.getName() + ".");
            Key key = new Key(frame ? "frame " + method : method, params.get("size").asInt(),
                    frame ? 0 : params.get("level").asInt());
            JsonNode metric = b.get("primaryMetric");
            List<Double> iterations = new ArrayList<>();
            for (JsonNode fork : metric.get("rawData")) {
                for (JsonNode iteration : fork) {
                    iterations.add(iteration.asDouble());
                }
            }
            double error = metric.get("scoreError").asDouble(Double.NaN);
            out.put(key, new Result(iterations, metric.get("score").asDouble(), error));
        }
    }

    private static String firstException(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "JMH produced no result and no output";
        }
        return Files.readAllLines(log).stream().map(String::strip)
                .filter(l -> l.contains("Exception") || l.contains("Error:")).findFirst()
                .map(l -> "JMH: " + l).orElse("JMH produced no result and printed no exception");
    }
}
