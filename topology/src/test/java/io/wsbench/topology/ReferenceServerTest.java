package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference servers (Go + gorilla/websocket, Node.js + ws) behind the real nginx show the SPEC §3 behaviour
 * the Java impls show, with a Java impl's metric names. One that is not built (its toolchain missing) fails
 * here with what to install, never skips: `mvn test` builds it first, installing the toolchain when it can.
 */
@ExtendWith(TestTopologies.class)
class ReferenceServerTest {
    /** The Java impl whose /metrics names the reference servers must match. */
    private static final String JAVA_IMPL = "netty";
    private static final Pattern REPLICA = Pattern.compile("\"replica\":\"([^\"]*)\"");

    static Stream<String> references() {
        return ReferenceServer.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void echoBroadcastAndWhoamiThroughNginx(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl));
             RecordingClient sender = RecordingClient.connect(topology.nginxWsUri());
             RecordingClient other = RecordingClient.connect(topology.nginxWsUri())) {
            assertThat(sender.echo("hello")).isEqualTo("hello");
            String echo = "{\"type\":\"echo\",\"payload\":\"through nginx\"}";
            assertThat(sender.echo(echo)).isEqualTo(echo);

            sender.send("{\"type\":\"broadcast\",\"payload\":{\"id\":1,\"text\":\"deploy\"}}");
            String broadcast = "{\"type\":\"broadcast\",\"payload\":{\"id\":1,\"text\":\"deploy\"}}";
            assertThat(sender.receive()).isEqualTo(broadcast);
            assertThat(sender.receive()).isEqualTo("{\"type\":\"broadcastResult\",\"payload\":{\"id\":1,\"text\":\"deploy\"}}");
            assertThat(other.receive()).isEqualTo(broadcast);

            Matcher health = REPLICA.matcher(topology.replica(0).health());
            assertThat(health.find()).as("/health names the replica").isTrue();
            assertThat(sender.echo("{\"type\":\"whoami\"}"))
                    .isEqualTo("{\"type\":\"whoami\",\"payload\":{\"replica\":\"" + health.group(1) + "\"}}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void messageOverReadLimitCloses1009ThroughNginx(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl));
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            int readLimit = topology.config().server().readLimit();
            client.send("x".repeat(readLimit + 1));
            await().atMost(RecordingClient.PATIENCE).until(client::hasEnded);
            assertThat(client.closeCode()).as(client.describe()).isEqualTo(1009);
            await().atMost(RecordingClient.PATIENCE)
                    .until(() -> topology.replica(0).metrics().closedWithCode(1009) == 1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void healthAndMetricsNamesAreTheJavaImpls(String impl) throws Exception {
        Set<String> reference = metricNamesAfterOneEcho(impl);
        Set<String> java = metricNamesAfterOneEcho(JAVA_IMPL);
        assertThat(reference).as("wsbench_* metric names of %s vs %s", impl, JAVA_IMPL).isEqualTo(java);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void notifyReachesEveryClientAndAnswers202WithTheCount(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl));
             RecordingClient first = RecordingClient.connect(topology.nginxWsUri());
             RecordingClient second = RecordingClient.connect(topology.nginxWsUri())) {
            await().atMost(RecordingClient.PATIENCE).until(() -> topology.replica(0).connectionsActive() == 2);
            String notification = "{\"type\":\"notification\",\"payload\":\"maintenance at 22:00\"}";
            assertThat(topology.replica(0).notify(notification)).isEqualTo("{\"delivered\":2}");
            assertThat(first.receive()).isEqualTo(notification);
            assertThat(second.receive()).isEqualTo(notification);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void tlsAtTheBackendDirectlyAndThroughNginx(String impl) throws Exception {
        NginxProxyTest.echoesWithTlsAtTheReplica(impl);
    }

    /**
     * BROKER_URL: each reference server fans out through NATS as core's BrokerFanOut does (Go on Debian's nats.go,
     * Node.js on npm's nats): published once, delivered on the sender's replica directly and on the other by the
     * broker, answered with "delivered" and "published".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void broadcastReachesTheOtherReplicaThroughTheBroker(String impl) throws Exception {
        TopologyConfig config = TestTopologies.of(impl).withReplicas(2).withBroker(true);
        try (Topology topology = TestTopologies.start(config);
             RecordingClient sender = RecordingClient.connect(topology.directWsUri(0));
             RecordingClient other = RecordingClient.connect(topology.directWsUri(1))) {
            for (ServerReplica replica : topology.replicas()) {
                await().atMost(RecordingClient.PATIENCE)
                        .until(() -> replica.health().contains("\"broker\":{\"status\":\"UP\""));
            }
            String broadcast = "{\"type\":\"broadcast\",\"payload\":{\"id\":1}}";
            sender.send(broadcast);
            assertThat(sender.receive()).isEqualTo(broadcast);
            assertThat(sender.receive())
                    .isEqualTo("{\"type\":\"broadcastResult\",\"payload\":{\"id\":1},\"delivered\":1,\"published\":true}");
            assertThat(other.receive()).isEqualTo(broadcast);
            assertThat(topology.replica(1).notify("to both")).isEqualTo("{\"delivered\":1,\"published\":true}");
            assertThat(sender.receive()).isEqualTo("to both");
            assertThat(other.receive()).isEqualTo("to both");
        }
    }

    /** The bench reads RSS and CPU of the replica's pid: it must be the server itself, not a launcher. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void replicaPidIsTheServerProcess(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl))) {
            String command = ProcessHandle.of(topology.replica(0).pid()).orElseThrow().info().command().orElse("");
            assertThat(Path.of(command).getFileName().toString())
                    .isEqualTo(ReferenceServer.named(impl).orElseThrow().processName());
        }
    }

    /**
     * The JVM's -XX:ActiveProcessorCount, which the bench gives every server for the CPUs it pins them to, reaches
     * a reference server in its runtime's own terms (Go: GOMAXPROCS), read from the process's own environment; a
     * runtime that needs none gets no GOMAXPROCS either.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void activeProcessorCountReachesTheRuntime(String impl) throws Exception {
        TopologyConfig base = TestTopologies.of(impl);
        List<String> flags = new ArrayList<>(base.jvm().flags());
        flags.add("-XX:ActiveProcessorCount=1");
        Map<String, String> expected = ReferenceServer.named(impl).orElseThrow().processorEnvironment(flags);
        try (Topology topology = TestTopologies.start(base.withJvm(base.jvm().withFlags(flags)))) {
            List<String> environ = Arrays.asList(Files.readString(Path.of("/proc", Long.toString(
                    topology.replica(0).pid()), "environ")).split("\0"));
            expected.forEach((name, value) -> assertThat(environ).contains(name + "=" + value));
            assertThat(expected.values()).allMatch("1"::equals);
            if (expected.isEmpty()) {
                assertThat(environ).noneMatch(e -> e.startsWith("GOMAXPROCS="));
            }
        }
    }

    /**
     * /health's answer and the wsbench_* sample names (label values dropped, as conformance's AdminTest compares
     * them) after one echo and a 1000 close, counted as core counts them.
     */
    private static Set<String> metricNamesAfterOneEcho(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl))) {
            ServerReplica replica = topology.replica(0);
            assertThat(replica.health()).contains("\"status\":\"UP\"", "\"impl\":\"" + impl + "\"", "\"connections\":0");
            try (RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
                assertThat(client.echo("count me")).isEqualTo("count me");
            }
            await().atMost(RecordingClient.PATIENCE).until(() -> replica.connectionsActive() == 0);
            MetricsSnapshot metrics = replica.metrics();
            assertThat(metrics.get("wsbench_connections_opened_total")).as("opened").isEqualTo(1.0);
            assertThat(metrics.closedWithCode(1000)).as("closed with 1000").isEqualTo(1.0);
            assertThat(metrics.get("wsbench_messages_received_total")).as("messages received").isEqualTo(1.0);
            assertThat(metrics.get("wsbench_messages_sent_total")).as("messages sent").isEqualTo(1.0);
            assertThat(metrics.get("wsbench_bytes_received_total")).as("bytes received").isEqualTo(8.0);
            assertThat(metrics.samples().keySet()).as("server_info names the impl")
                    .anyMatch(k -> k.startsWith("wsbench_server_info{") && k.contains("impl=\"" + impl + "\""));
            Set<String> names = new TreeSet<>();
            metrics.samples().keySet().stream().filter(k -> k.startsWith("wsbench_"))
                    .map(k -> k.replaceAll("=\"[^\"]*\"", "")).forEach(names::add);
            return names;
        }
    }
}
