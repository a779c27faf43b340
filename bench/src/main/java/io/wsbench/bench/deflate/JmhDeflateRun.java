package io.wsbench.bench.deflate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DeflateBenchmark} for one codec through JMH's Runner API: both directions, every size and level the
 * settings ask for, and hands back each benchmark's iteration scores (µs per message) keyed by direction, size and
 * level. JMH's own text output goes to a temporary file, read only to say why a benchmark has no result.
 */
public final class JmhDeflateRun {
    /** The forked JVMs' heap: small and fixed, so a fork costs the same on every run. */
    private static final String[] FORK_JVM_ARGS = {"-Xms512m", "-Xmx512m", "-XX:+UseG1GC"};

    /** One benchmark's figures: every measured iteration's µs/op (all forks), and JMH's score ± 99.9% error. */
    public record Result(List<Double> iterations, double score, double error) {
    }

    /** A benchmark's identity: {@code encode}/{@code decode}, target size, level. */
    public record Key(String direction, int size, int level) {
    }

    private JmhDeflateRun() {
    }

    /**
     * @return the results JMH produced; a key that is missing had no result, and {@code failures} holds why
     *         (the first exception line of JMH's output, or that none was found)
     */
    public static Map<Key, Result> run(String codec, JmhSettings settings, List<String> failures)
            throws RunnerException, IOException {
        Path log = Files.createTempFile("wsbench-jmh-" + codec, ".txt");
        try {
            Options options = new OptionsBuilder()
                    .include("^" + Pattern.quote(DeflateBenchmark.class.getName()) + "\\.(encode|decode)$")
                    .param("codec", codec)
                    .param("size", settings.sizes().stream().map(String::valueOf).toArray(String[]::new))
                    .param("level", JmhSettings.LEVELS.stream().map(String::valueOf).toArray(String[]::new))
                    .forks(settings.forks())
                    .jvmArgs(FORK_JVM_ARGS)
                    .threads(1)
                    .warmupIterations(settings.warmupIterations())
                    .warmupTime(settings.warmupTime())
                    .measurementIterations(settings.measurementIterations())
                    .measurementTime(settings.measurementTime())
                    .shouldFailOnError(false)
                    .output(log.toString())
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            Map<Key, Result> out = new LinkedHashMap<>();
            for (RunResult r : results) {
                String benchmark = r.getParams().getBenchmark();
                Key key = new Key(benchmark.substring(benchmark.lastIndexOf('.') + 1),
                        Integer.parseInt(r.getParams().getParam("size")),
                        Integer.parseInt(r.getParams().getParam("level")));
                List<Double> iterations = new ArrayList<>();
                for (BenchmarkResult fork : r.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        iterations.add(iteration.getPrimaryResult().getScore());
                    }
                }
                out.put(key, new Result(iterations, r.getPrimaryResult().getScore(),
                        r.getPrimaryResult().getScoreError()));
            }
            if (out.size() < 2 * settings.sizes().size() * JmhSettings.LEVELS.size()) {
                failures.add(firstException(log));
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String firstException(Path log) throws IOException {
        return Files.readAllLines(log).stream().map(String::strip)
                .filter(l -> l.contains("Exception") || l.contains("Error:")).findFirst()
                .map(l -> "JMH: " + l).orElse("JMH produced no result and printed no exception");
    }
}
