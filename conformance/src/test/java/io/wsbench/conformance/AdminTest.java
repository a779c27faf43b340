package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.CloseCodes;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.3. The admin server is core's, but what it reports comes from the impl: a close code only shows up in
 * {@code wsbench_connections_closed_total{code=...}} if the impl hands the right one to the hub.
 */
@DisplayName("§3.3 Admin HTTP")
@ExtendWith(ConformanceMatrix.class)
class AdminTest {
    private static final List<String> REQUIRED = List.of(
            "wsbench_connections_active",
            "wsbench_connections_opened_total",
            "wsbench_connections_closed_total{code=\"1000\"}",
            "wsbench_messages_received_total",
            "wsbench_messages_sent_total",
            "wsbench_bytes_received_total",
            "wsbench_bytes_sent_total",
            "wsbench_slow_consumer_closes_total");
    /** impl → the wsbench_* sample names (label values stripped) it exposed, to compare impls with each other. */
    private static final Map<String, Set<String>> NAMES_BY_IMPL = new ConcurrentHashMap<>();

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    @ForEachImpl
    void healthIs200(ServerImpl impl) throws Exception {
        HttpResponse<String> health = AdminClient.get(SERVERS.of(impl, ScaledConfig.standard()), "/health");
        ConformanceMatrix.saw(health.statusCode());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @ForEachImpl
    void metricsHaveTheSameNamesForEveryImpl(ServerImpl impl) throws Exception {
        try (ServerUnderTest server = impl.start(ScaledConfig.standard())) {
            try (RawWebSocket ws = RawWebSocket.to(server).open()) {
                ws.sendText("count me");
                assertThat(ws.nextText()).isEqualTo("count me");
                ws.sendClose(CloseCodes.NORMAL);
                ConformanceMatrix.saw(ws.awaitClose());
            }
            await().atMost(ScaledConfig.EVENTUALLY)
                    .until(() -> AdminClient.metric(server, "wsbench_connections_active") == 0.0);
            Map<String, Double> samples = AdminClient.metrics(server);
            assertThat(samples).as("GET /metrics samples").containsKeys(REQUIRED.toArray(new String[0]));
            assertThat(samples.get("wsbench_connections_opened_total")).as("opened").isEqualTo(1.0);
            assertThat(samples.get("wsbench_connections_closed_total{code=\"1000\"}")).as("closed with 1000").isEqualTo(1.0);
            assertThat(samples.get("wsbench_messages_received_total")).as("messages received").isEqualTo(1.0);
            assertThat(samples.get("wsbench_messages_sent_total")).as("messages sent").isEqualTo(1.0);
            assertThat(samples.get("wsbench_bytes_received_total")).as("bytes received").isEqualTo(8.0);
            assertThat(samples.keySet()).as("the server_info sample names this impl")
                    .anyMatch(k -> k.startsWith("wsbench_server_info{") && k.contains("impl=\"" + impl.name() + "\""));

            Set<String> names = new TreeSet<>();
            samples.keySet().stream().filter(k -> k.startsWith("wsbench_"))
                    .map(k -> k.replaceAll("=\"[^\"]*\"", "")).forEach(names::add);
            NAMES_BY_IMPL.put(impl.name(), names);
            NAMES_BY_IMPL.forEach((other, otherNames) -> assertThat(names)
                    .as("wsbench_* metric names of %s vs %s", impl.name(), other).isEqualTo(otherNames));
        }
    }

    /** The adapter brief: a connection that dies without a close frame reaches the hub as 1006, exactly once. */
    @ForEachImpl
    void droppedConnectionIsCountedAsClosed1006(ServerImpl impl) throws Exception {
        try (ServerUnderTest server = impl.start(ScaledConfig.standard())) {
            try (RawWebSocket ws = RawWebSocket.to(server).open()) {
                ws.sendText("about to vanish");
                assertThat(ws.nextText()).isEqualTo("about to vanish");
            } // the socket closes here with no close frame
            try {
                await().atMost(ScaledConfig.EVENTUALLY)
                        .until(() -> AdminClient.metric(server, "wsbench_connections_active") == 0.0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("a client that vanished without a close frame is still counted as active "
                        + ScaledConfig.EVENTUALLY.toSeconds() + " s later");
            }
            Map<String, Double> closed = new java.util.TreeMap<>();
            AdminClient.metrics(server).forEach((sample, value) -> {
                if (sample.startsWith("wsbench_connections_closed_total{")) {
                    closed.put(sample.substring(sample.indexOf('{')), value);
                }
            });
            ConformanceMatrix.saw(closed.isEmpty() ? "no close counted" : closed.entrySet().stream()
                    .map(e -> e.getKey().replaceAll("[{}\"]", "") + " x" + e.getValue().intValue())
                    .collect(java.util.stream.Collectors.joining(", ")));
            assertThat(closed).as("wsbench_connections_closed_total by code").containsExactly(
                    Map.entry("{code=\"1006\"}", 1.0));
        }
    }

    @ForEachImpl
    void notifyReachesEveryClientAndAnswers202WithTheCount(ServerImpl impl) throws Exception {
        String notification = "{\"type\":\"notification\",\"payload\":\"deploy finished\"}";
        List<JdkClient> clients = new ArrayList<>();
        try (ServerUnderTest server = impl.start(ScaledConfig.standard())) {
            for (int i = 0; i < 3; i++) {
                clients.add(JdkClient.connect(server));
            }
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> server.connectionCount() == 3);
            HttpResponse<String> response = AdminClient.post(server, "/notify", notification);
            ConformanceMatrix.saw(response.statusCode() + " " + response.body());
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).contains("\"delivered\":3");
            for (JdkClient client : clients) {
                assertThat(client.nextText()).isEqualTo(notification);
            }
        } finally {
            clients.forEach(JdkClient::close);
        }
    }
}
