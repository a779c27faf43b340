package io.wsbench.bench.report;

import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.machine.Environment;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Repetition;
import io.wsbench.bench.result.Row;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.ScenarioResult;
import io.wsbench.bench.result.Status;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.result.Verification;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A small made-up run: two impls in the echo scenario's shape, one failed. */
final class SampleRuns {
    static final Variant DIRECT_64 = Variant.of("route", "direct", "size", "64 B");
    static final Variant DIRECT_1K = Variant.of("route", "direct", "size", "1 KiB");
    static final Variant NGINX_64 = Variant.of("route", "nginx", "size", "64 B");
    static final Variant NGINX_1K = Variant.of("route", "nginx", "size", "1 KiB");

    private SampleRuns() {
    }

    static ScenarioResult echo() {
        List<Metric> metrics = List.of(Metric.higher("msgs_per_s", "throughput", "msgs/s"),
                Metric.lower("p99_ms", "p99", "ms"));
        List<Variant> variants = List.of(DIRECT_64, DIRECT_1K, NGINX_64, NGINX_1K);
        List<Row> rows = List.of(
                ok("netty", DIRECT_64, 100, 110, 90), ok("netty", DIRECT_1K, 80, 80, 80),
                ok("netty", NGINX_64, 50, 50, 50), ok("netty", NGINX_1K, 40, 40, 40),
                ok("jetty", DIRECT_64, 50, 55, 45), ok("jetty", DIRECT_1K, 80, 80, 80),
                ok("jetty", NGINX_64, 25, 25, 25),
                new Row("jetty", NGINX_1K, Status.FAILED, "3 of 4 connections closed during the run (first: 1006)",
                        false, List.of(), List.of()));
        return new ScenarioResult("echo", "Closed-loop echo (test).", metrics, variants, rows);
    }

    /** {@link #echo()} with a raw-TCP ceiling row in the direct variants. */
    static ScenarioResult echoWithCeiling() {
        ScenarioResult echo = echo();
        List<Row> rows = new java.util.ArrayList<>(echo.rows());
        Row c64 = ok("raw TCP", DIRECT_64, 400, 400, 400);
        Row c1k = ok("raw TCP", DIRECT_1K, 160, 160, 160);
        rows.add(new Row(c64.impl(), c64.variant(), c64.status(), "", true, c64.repetitions(), List.of()));
        rows.add(new Row(c1k.impl(), c1k.variant(), c1k.status(), "", true, c1k.repetitions(), List.of()));
        return new ScenarioResult(echo.name(), echo.description(), echo.metrics(), echo.variants(), rows);
    }

    static RunResult run() {
        Environment env = new Environment("Test CPU", 2, 1L << 34, "Linux test", "0.10 0.20 0.30", "Test JDK 17",
                Map.of("netty", "Netty 4.2", "jetty", "Jetty 12.1"), "jdk-httpclient (JDK)", "nginx/1.22.1",
                "template", new OpenFileLimit(20000, 20000), "load on CPU 0, servers on CPU 1", List.of("-Xmx1g"),
                List.of("-Xmx2g"), "mvn -pl bench verify", "");
        RunResult.Settings settings = new RunResult.Settings("quick", 500, 1500, 3, List.of("jetty", "netty"),
                List.of("echo"), "jdk-httpclient", "mvn -pl bench verify");
        return new RunResult("20260101-000000-quick", "2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", settings, env,
                List.of(new Verification("netty", true, "", List.of("direct: echo")),
                        new Verification("jetty", true, "", List.of("direct: echo"))),
                List.of(echo()), "events {}\n");
    }

    private static Row ok(String impl, Variant v, double... throughput) {
        Histogram h = new Histogram(3);
        h.recordValue(1_000_000);
        String latency = Histograms.encode(h);
        List<Repetition> reps = new java.util.ArrayList<>();
        for (int i = 0; i < throughput.length; i++) {
            reps.add(new Repetition(i + 1, Map.of("msgs_per_s", throughput[i], "p99_ms", 1.0 + i),
                    Map.of("latency", latency)));
        }
        return new Row(impl, v, Status.OK, "", false, reps, List.of());
    }
}
