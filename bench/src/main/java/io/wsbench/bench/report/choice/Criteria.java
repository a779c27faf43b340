package io.wsbench.bench.report.choice;

import io.wsbench.bench.Route;
import io.wsbench.bench.result.ConformanceTotals;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.BroadcastScenario;
import io.wsbench.bench.scenario.CapacityScenario;
import io.wsbench.bench.scenario.CompressionScenario;
import io.wsbench.bench.scenario.ConnectRateScenario;
import io.wsbench.bench.scenario.EchoScenario;
import io.wsbench.bench.scenario.LatencyScenario;
import io.wsbench.bench.scenario.TimeoutsScenario;
import java.util.List;
import java.util.function.Predicate;

/**
 * The criteria a team choosing a stack weighs, each bound to the scenario metric that decides it. Metrics and
 * variants are the scenarios' own constants, so a renamed label is a compile error here, not a row that quietly
 * turns into "not measured".
 */
public final class Criteria {
    public static final Criterion IDLE_FOOTPRINT = Criterion.measured("idle footprint per connection",
            Figure.of(new CapacityScenario(), CapacityScenario.FOOTPRINT,
                    CapacityScenario.variant(false, CapacityScenario.IDLE)),
            "capacity scenario");

    public static final Criterion BUSY_DEFLATE_FOOTPRINT = Criterion.measured("busy footprint with deflate",
            Figure.of(new CapacityScenario(), CapacityScenario.FOOTPRINT,
                    CapacityScenario.variant(true, CapacityScenario.BUSY)),
            "capacity scenario's busy rows with permessage-deflate");

    public static final Criterion ECHO_PER_CPU = Criterion.measured("echo throughput per server CPU-second",
            Figure.of(new EchoScenario(), EchoScenario.PER_CPU, EchoScenario.variant(Route.DIRECT, 1024)),
            "echo scenario");

    public static final Criterion P99_DIRECT = Criterion.measured("p99 at a fixed offered rate, direct",
            new Figure(new LatencyScenario().name(), LatencyScenario.P99, route(Route.DIRECT),
                    "latency, direct, lowest offered rate"),
            "latency scenario");

    public static final Criterion P99_NGINX_TLS = Criterion.measured("p99 at a fixed offered rate, nginx+TLS",
            new Figure(new LatencyScenario().name(), LatencyScenario.P99, route(Route.NGINX_TLS),
                    "latency, nginx+tls, lowest offered rate"),
            "the latency scenario's nginx+tls route (LatencyScenario.routes)");

    public static final Criterion ECHO_NGINX_TLS = Criterion.measured("echo throughput through nginx+TLS",
            Figure.of(new EchoScenario(), EchoScenario.THROUGHPUT, EchoScenario.variant(Route.NGINX_TLS, 1024)),
            "the echo scenario's nginx+tls route");

    public static final Criterion TLS_AT_SERVER = Criterion.measured("p99 with TLS terminated at the server",
            new Figure(new LatencyScenario().name(), LatencyScenario.P99, route(Route.DIRECT_TLS),
                    "latency, direct+tls, lowest offered rate"),
            "the latency scenario's direct+tls route (a server JVM with TLS_CERT/TLS_KEY)");

    public static final Criterion BROADCAST_HELD = Criterion.measured("broadcast subscribers held at the p95 bar",
            Figure.of(new BroadcastScenario(), BroadcastScenario.HELD, BroadcastScenario.HELD_ROW),
            "broadcast scenario");

    public static final Criterion HANDSHAKES = Criterion.measured("handshakes per second",
            Figure.of(new ConnectRateScenario(), ConnectRateScenario.RATE, ConnectRateScenario.variant(Route.DIRECT)),
            "connect-rate scenario");

    public static final Criterion CONFORMANCE = Criterion.measured("conformance cells passed",
            Figure.of(ConformanceTotals.NAME, ConformanceTotals.PASSED_SHARE, ConformanceTotals.SUITE),
            "the conformance suite at this run's commit (`mvn test`, or the bench without -DskipTests, writes "
                    + ConformanceTotals.FILE + ")");

    public static final Criterion DEFLATE_CPU = Criterion.measured("deflate CPU per message",
            Figure.of(new CompressionScenario(), CompressionScenario.CPU_PER_1K,
                    CompressionScenario.echoVariant(2048, 6)),
            "compression scenario");

    public static final Criterion SLOW_CONSUMER = Criterion.measured("slow-consumer memory bound",
            Figure.of(new TimeoutsScenario(), TimeoutsScenario.RSS_PEAK, TimeoutsScenario.SLOW_FLOOD),
            "timeouts scenario");

    /** Close time over PONG_WAIT: it cannot be below 1, so the lowest is the most accurate. */
    private static final Metric DEAD_PEER_RATIO = Metric.lower(TimeoutsScenario.CLOSE_P99.key(),
            TimeoutsScenario.CLOSE_P99.label(), TimeoutsScenario.CLOSE_P99.unit());

    public static final Criterion DEAD_PEER = Criterion.measured("dead-peer detection accuracy",
            Figure.of(new TimeoutsScenario(), DEAD_PEER_RATIO, TimeoutsScenario.DEAD_DIRECT), "timeouts scenario");

    /** In the order the table prints them. */
    public static final List<Criterion> ALL = List.of(IDLE_FOOTPRINT, BUSY_DEFLATE_FOOTPRINT, ECHO_PER_CPU,
            P99_DIRECT, P99_NGINX_TLS, ECHO_NGINX_TLS, TLS_AT_SERVER, BROADCAST_HELD, HANDSHAKES, CONFORMANCE, DEFLATE_CPU,
            SLOW_CONSUMER, DEAD_PEER);

    private Criteria() {
    }

    private static Predicate<Variant> route(Route route) {
        return v -> route.label().equals(v.get(LatencyScenario.ROUTE));
    }
}
