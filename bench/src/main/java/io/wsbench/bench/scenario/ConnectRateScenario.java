package io.wsbench.bench.scenario;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.SystemUnderTest;
import io.wsbench.bench.format.Histograms;
import io.wsbench.bench.load.ScheduledConnects;
import io.wsbench.bench.load.SourceAddresses;
import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's own connect rate (a reconnect storm after a deploy): new connections offered open loop at a rate
 * that climbs step by step (each step a short window, every connection closed with 1000 as soon as its handshake
 * is done), until a step has a failed handshake or a p99 connect time past {@link #P99_BAR}; then the rate is
 * bisected between the last step that held and the first that did not ({@link BreakPoint}). Connect times count
 * from when each attempt was due, so a server that falls behind the schedule shows it. It lies when the load
 * generator is the limit rather than the server: it runs on one core, so load CPU near 1 at the break says so.
 */
public final class ConnectRateScenario implements Scenario {
    /** The bar a step's p99 connect time must stay within: past it, clients of a storm start to time out. */
    static final Duration P99_BAR = Duration.ofSeconds(1);
    /**
     * A window this short cannot push a falling-behind server's p99 past a 1 s bar (half a second of schedule
     * can only be half a second late), so a rate also fails when the handshakes completed per second (first to
     * last completion) fall below this share of the rate offered.
     */
    private static final double KEPT_UP = 0.85;
    /** Always this load client: it binds loopback source addresses and opens thousands per second on one core. */
    private static final String CLIENT = "netty";
    private static final String ROUTE = "route";
    /** Lets the closes of one step finish before the next starts, so they do not fall on its window. */
    private static final Duration BETWEEN_STEPS = Duration.ofMillis(200);

    public static final Metric RATE = Metric.higher("handshakes_per_s",
            "most handshakes/s sustained at p99 ≤ " + P99_BAR.toMillis() + " ms", "handshakes/s");
    private static final Metric OFFERED = Metric.context("offered_per_s", "offered rate that held", "conns/s");
    private static final Metric CONNECT_P50 = Metric.lower("connect_p50_ms", "connect p50 at that rate", "ms");
    private static final Metric CONNECT_P99 = Metric.lower("connect_p99_ms", "connect p99 at that rate", "ms");
    private static final Metric BREAK = Metric.context("break_per_s", "first rate that failed", "handshakes/s");
    private static final Metric SERVER_CPU = Metric.context("server_cpu", "server CPU at that rate", "cores");
    private static final Metric NGINX_CPU = Metric.context("nginx_cpu", "nginx CPU at that rate", "cores");
    private static final Metric LOAD_CPU = Metric.context("load_cpu", "load CPU at that rate", "cores");

    @Override
    public String name() {
        return "connect-rate";
    }

    @Override
    public String description() {
        return "The server's connect rate, as in a reconnect storm after a deploy: new connections are offered"
                + " open loop at a rate that climbs step by step (each a short window; every connection is closed"
                + " with 1000 right after its handshake, so the open-file limit never stops the climb), spread over"
                + " loopback source addresses 127.0.0.2 and up, until a handshake fails or the p99 connect time"
                + " passes " + P99_BAR.toMillis() + " ms; then the rate is bisected between the last step that held"
                + " and the first that did not to within " + BreakPoint.describeTolerance() + "; a rate also fails"
                + " when fewer than " + Math.round(KEPT_UP * 100) + "% of it completed per second. The figure is the"
                + " handshakes per second completed (first to last) at the highest rate that held. Connect times count from when each"
                + " attempt was due (a server that falls behind shows it). Direct, and (full) through"
                + " nginx terminating TLS, where nginx's TLS handshakes on the same CPU are most of the cost. It lies"
                + " when the one-core load generator is the limit: load CPU near 1 at the rate found says so.";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(RATE, OFFERED, CONNECT_P50, CONNECT_P99, BREAK, SERVER_CPU, NGINX_CPU, LOAD_CPU);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        return routes(profile).stream().map(ConnectRateScenario::variant).toList();
    }

    /** Quick leaves nginx+TLS to full: its break is mostly nginx's RSA handshakes, the same for every impl. */
    static List<Route> routes(Profile profile) {
        return profile.pick(List.of(Route.DIRECT), List.of(Route.DIRECT), List.of(Route.DIRECT, Route.NGINX_TLS));
    }

    @Override
    public String method(Profile profile) {
        Plan plan = plan(profile);
        return "a fresh server JVM (and nginx) per repetition, warmed up by " + plan.warmUp() + " connections at "
                + plan.steps().get(0) + "/s; then the rates " + plan.steps() + "/s, each for "
                + plan.window().toMillis() + " ms, until one fails, and the bisection's rates (halving first when"
                + " the lowest fails) to within " + BreakPoint.percent(BreakPoint.tolerance(profile)) + ", in multiples of "
                + plan.grain() + "/s; the routes in an order rotated each"
                + " repetition";
    }

    /**
     * @param steps  the offered rates, per second
     * @param window how long each rate is offered
     * @param warmUp connections opened and closed before the first step, unmeasured
     * @param grain  the bisection's rates are multiples of it
     */
    private record Plan(List<Integer> steps, Duration window, int warmUp, int grain) {
        int connections(int perSecond) {
            return (int) Math.max(1, perSecond * window.toMillis() / 1000);
        }
    }

    static List<Integer> steps(Profile profile) {
        return profile.pick(List.of(200, 400), List.of(500, 1000, 2000, 4000, 8000, 16000),
                List.of(500, 1000, 2000, 4000, 8000, 16000, 32000));
    }

    private static Plan plan(Profile profile) {
        return new Plan(steps(profile), profile.pick(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(2)), profile.pick(100, 500, 2000), profile.pick(50, 100, 100));
    }

    @Override
    public void repetition(ScenarioRun run, int rep) throws Exception {
        Plan plan = plan(run.profile());
        try (SystemUnderTest sut = run.start(run.topology())) {
            for (Route route : ScenarioRun.rotated(routes(run.profile()), rep)) {
                Variant variant = variant(route);
                if (run.skip(variant)) {
                    continue;
                }
                ClientOptions options = run.setup().clientOptions();
                try (WsClient client = LoadClients.find(CLIENT).create(route.tls() ? options.withTls(sut.trust())
                        : options)) {
                    Ramp ramp = new Ramp(sut, client, sut.uri(route), plan);
                    ramp.warmUp();
                    BreakPoint at = BreakPoint.find(plan.steps(), BreakPoint.tolerance(run.profile()), plan.grain(),
                            ramp::holds);
                    record(run, variant, rep, at, ramp);
                }
            }
        }
    }

    private static void record(ScenarioRun run, Variant variant, int rep, BreakPoint at, Ramp ramp) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(RATE.key(), 0.0);
        Step held = ramp.measured.get(at.held());
        if (held != null) {
            values.putAll(held.values()); // the handshakes/s it opened at the highest rate that held
        }
        values.put(OFFERED.key(), (double) at.held());
        if (!at.ladderRanOut()) {
            values.put(BREAK.key(), (double) at.failed());
            run.note(variant, "repetition " + rep + " broke at " + at.failed() + "/s: "
                    + ramp.measured.get(at.failed()).why());
        } else {
            run.note(variant, String.format("≥ %,d/s (top of the %s profile's steps): every rate up to it held",
                    at.held(), run.profile().name()));
        }
        run.record(variant, rep, values, held == null ? Map.of()
                : Map.of("connect", Histograms.encode(held.connects().connectNanos())));
    }

    /** One rate's attempts, and why it did not hold (null when it did). */
    private record Step(ScheduledConnects connects, Map<String, Double> values, String why) {
    }

    /** Offers rates to one route of one server; remembers every rate it measured. */
    private static final class Ramp {
        /** A connection lives only for its handshake: nothing it receives matters. */
        private static final ClientListener IGNORE = (connection, text) -> {
        };
        /**
         * Closed connections linger in TIME_WAIT for a minute: spreading every step over this many connections'
         * worth of source addresses keeps each address's share of the port range small, step after step.
         */
        private static final int SPREAD = 200_000;

        private final SystemUnderTest sut;
        private final WsClient client;
        private final URI uri;
        private final Plan plan;
        private final SourceAddresses sources = SourceAddresses.forConnections(SPREAD, ConnectionMemory.ephemeralPorts());
        final Map<Integer, Step> measured = new LinkedHashMap<>();

        Ramp(SystemUnderTest sut, WsClient client, URI uri, Plan plan) {
            this.sut = sut;
            this.client = client;
            this.uri = uri;
            this.plan = plan;
        }

        boolean holds(int perSecond) throws Exception {
            ResourceSampler sampler = sut.sample();
            ScheduledConnects c = offer(perSecond);
            Map<String, ProcessUsage> usage = sampler.stop();
            double p99 = c.connectNanos().getValueAtPercentile(99) / 1e6;
            String why = c.failed() > 0 ? c.failed() + " of " + (c.failed() + c.opened()) + " handshakes failed ("
                    + c.firstFailure() + ")"
                    : p99 > P99_BAR.toMillis() ? String.format("p99 connect time %.0f ms", p99)
                    : c.completedPerSecond() < KEPT_UP * perSecond
                    ? String.format("completed %.0f/s of the %d/s offered", c.completedPerSecond(), perSecond) : null;
            measured.put(perSecond, new Step(c, values(c, usage), why));
            return why == null;
        }

        /** A fresh JVM interprets at first: open and close some connections, unmeasured, at the first rate. */
        void warmUp() throws Exception {
            offer(plan.steps().get(0), plan.warmUp());
        }

        private ScheduledConnects offer(int perSecond) throws Exception {
            return offer(perSecond, plan.connections(perSecond));
        }

        private ScheduledConnects offer(int perSecond, int count) throws Exception {
            ScheduledConnects c = ScheduledConnects.run(client, uri, count, perSecond, sources, IGNORE,
                    connection -> connection.close(CloseCodes.NORMAL, ""), true);
            Thread.sleep(BETWEEN_STEPS.toMillis());
            return c;
        }

        private static Map<String, Double> values(ScheduledConnects c, Map<String, ProcessUsage> usage) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(RATE.key(), c.completedPerSecond());
            values.put(CONNECT_P50.key(), c.connectNanos().getValueAtPercentile(50) / 1e6);
            values.put(CONNECT_P99.key(), c.connectNanos().getValueAtPercentile(99) / 1e6);
            putCores(values, SERVER_CPU, usage.get("server"));
            putCores(values, NGINX_CPU, usage.get("nginx"));
            putCores(values, LOAD_CPU, usage.get("load"));
            return values;
        }

        private static void putCores(Map<String, Double> values, Metric metric, ProcessUsage usage) {
            if (usage != null) {
                values.put(metric.key(), usage.avgCores());
            }
        }
    }

    public static Variant variant(Route route) {
        return Variant.of(ROUTE, route.label());
    }
}
