package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16 §1 end to end: three replicas of one impl behind nginx ({@code least_conn}), each its own process with
 * {@code BROKER_URL} pointing at one real nats-server. Clients connect through nginx, so like users they do not
 * choose their replica; each replica's {@code wsbench_connections_active} tells where each one landed. Run for
 * every Java impl and for the reference servers (Go's nats.go, Node's nats), which implement the same fan-out.
 */
@ExtendWith(TestTopologies.class)
class CrossReplicaBroadcastTest {
    private static final int REPLICAS = 3;
    private static final int CLIENTS_PER_REPLICA = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Java impls ({@link Impls}, narrowed by {@code -Dwsbench.impls}), then the reference servers. */
    static Stream<String> impls() {
        return Stream.concat(Impls.names(), ReferenceServer.names().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void broadcastFromAClientOnOneReplicaReachesEveryClientOnEveryReplicaOnce(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(threeReplicasWithBroker(impl))) {
            awaitBroker(topology, "UP");
            assertThat(JSON.readTree(topology.broker().monitor("/connz")).path("num_connections").asInt())
                    .as("clients of nats-server, from its monitoring endpoint: one per replica").isEqualTo(REPLICAS);
            List<List<RecordingClient>> placed = connectThroughNginx(topology);
            try {
                RecordingClient sender = placed.get(0).get(0);
                String broadcast = "{\"type\":\"broadcast\",\"payload\":{\"n\":1}}";
                sender.send(broadcast);
                assertEveryClientNextReceives(placed, broadcast);
                assertThat(sender.receive()).as("the sender's result: delivered on its replica, and published")
                        .isEqualTo("{\"type\":\"broadcastResult\",\"payload\":{\"n\":1},\"delivered\":"
                                + CLIENTS_PER_REPLICA + ",\"published\":true}");

                assertThat(topology.replica(1).notify("maintenance at 22:00"))
                        .isEqualTo("{\"delivered\":" + CLIENTS_PER_REPLICA + ",\"published\":true}");
                // The next message of every client is the notification: the broadcast came once, not twice.
                assertEveryClientNextReceives(placed, "maintenance at 22:00");
                assertThat(topology.replicaMetrics()).allSatisfy(m -> assertThat(
                        m.get("wsbench_broker_unpublished_total")).isZero());
            } finally {
                placed.forEach(clients -> clients.forEach(RecordingClient::close));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void killingTheBrokerKeepsEachReplicaServingItsOwnClientsAndRestartingItResumesFanOut(String impl)
            throws Exception {
        try (Topology topology = TestTopologies.start(threeReplicasWithBroker(impl))) {
            awaitBroker(topology, "UP");
            List<List<RecordingClient>> placed = connectThroughNginx(topology);
            try {
                topology.killBroker();
                awaitBroker(topology, "DOWN");

                RecordingClient sender = placed.get(0).get(0);
                sender.send("{\"type\":\"broadcast\",\"payload\":\"while down\"}");
                for (RecordingClient client : placed.get(0)) {
                    assertThat(client.receive()).isEqualTo("{\"type\":\"broadcast\",\"payload\":\"while down\"}");
                }
                assertThat(sender.receive()).as("the sender is told it was not published")
                        .isEqualTo("{\"type\":\"broadcastResult\",\"payload\":\"while down\",\"delivered\":"
                                + CLIENTS_PER_REPLICA + ",\"published\":false}");
                assertThat(topology.replica(0).metrics().get("wsbench_broker_unpublished_total"))
                        .as("the notification published while the broker was down is counted").isEqualTo(1.0);
                assertThat(sender.echo("still served")).isEqualTo("still served");

                topology.restartBroker();
                awaitBroker(topology, "UP");
                topology.replica(2).notify("back");
                // For the clients of replicas 1 and 2 the next message is "back": "while down" never came late.
                assertEveryClientNextReceives(placed, "back");
                assertThat(topology.replica(0).metrics().get("wsbench_broker_reconnects_total"))
                        .isGreaterThanOrEqualTo(1.0);
            } finally {
                placed.forEach(clients -> clients.forEach(RecordingClient::close));
            }
        }
    }

    private static TopologyConfig threeReplicasWithBroker(String impl) {
        return TestTopologies.of(impl).withReplicas(REPLICAS).withBroker(true)
                .withNginx(NginxConfig.defaults().withBalance(BalancePolicy.LEAST_CONN));
    }

    private static void awaitBroker(Topology topology, String status) {
        await().atMost(RecordingClient.PATIENCE).untilAsserted(() -> {
            for (ServerReplica replica : topology.replicas()) {
                assertThat(replica.health()).as("/health of %s", replica.name())
                        .contains("\"broker\":{\"status\":\"" + status + "\"");
            }
        });
    }

    /**
     * Connects one client at a time through nginx and reads which replica's count went up: clients grouped by
     * replica, in replica order, {@link #CLIENTS_PER_REPLICA} each (least_conn fills the emptiest first).
     */
    private static List<List<RecordingClient>> connectThroughNginx(Topology topology) throws Exception {
        List<List<RecordingClient>> placed = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            placed.add(new ArrayList<>());
        }
        try {
            for (int i = 0; i < REPLICAS * CLIENTS_PER_REPLICA; i++) {
                List<Integer> before = topology.connectionsPerReplica();
                RecordingClient client = RecordingClient.connect(topology.nginxWsUri());
                int[] landed = {-1};
                await().atMost(RecordingClient.PATIENCE).until(() -> {
                    List<Integer> now = topology.connectionsPerReplica();
                    for (int r = 0; r < REPLICAS; r++) {
                        if (now.get(r) > before.get(r)) {
                            landed[0] = r;
                            return true;
                        }
                    }
                    return false;
                });
                placed.get(landed[0]).add(client);
            }
        } catch (Exception | AssertionError e) {
            placed.forEach(clients -> clients.forEach(RecordingClient::close));
            throw e;
        }
        assertThat(placed).as("clients per replica").allSatisfy(c -> assertThat(c).hasSize(CLIENTS_PER_REPLICA));
        return placed;
    }

    private static void assertEveryClientNextReceives(List<List<RecordingClient>> placed, String text)
            throws InterruptedException {
        for (int r = 0; r < placed.size(); r++) {
            for (RecordingClient client : placed.get(r)) {
                assertThat(client.receive()).as("next message of a client on replica %d", r).isEqualTo(text);
            }
        }
    }
}
