package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three replicas behind nginx; where new WebSockets land, read from each replica's own
 * {@code wsbench_connections_active}.
 */
@ExtendWith(TestTopologies.class)
class NginxBalancingTest {
    private static final int REPLICAS = 3;

    @ForEachImpl
    void leastConnSpreadsConnectionsOverAllReplicas(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(threeReplicas(impl, BalancePolicy.LEAST_CONN))) {
            List<RecordingClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3 * REPLICAS; i++) {
                    clients.add(RecordingClient.connect(topology.nginxWsUri()));
                }
                await().atMost(RecordingClient.PATIENCE).untilAsserted(() -> {
                    List<Integer> perReplica = topology.connectionsPerReplica();
                    assertThat(perReplica.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * REPLICAS);
                    assertThat(perReplica).as("connections per replica").allSatisfy(n -> assertThat(n).isPositive());
                });
            } finally {
                clients.forEach(RecordingClient::close);
            }
        }
    }

    /**
     * ip_hash keys on the first three octets of the client's IPv4 address, so 127.0.0.1, .2 and .3 are one
     * "client" to it, just as every user behind one NAT, a Docker bridge or one load generator is. Sticky
     * sessions by IP then mean one replica takes everything.
     */
    @ForEachImpl
    void ipHashPutsEveryLoopbackClientOnOneReplica(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(threeReplicas(impl, BalancePolicy.IP_HASH))) {
            List<AutoCloseable> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 2 * REPLICAS; i++) {
                    clients.add(RecordingClient.connect(topology.nginxWsUri()));
                }
                clients.add(LoopbackAliasClient.connect("127.0.0.2", topology.nginxWsUri()));
                clients.add(LoopbackAliasClient.connect("127.0.0.3", topology.nginxWsUri()));
                int total = clients.size();
                await().atMost(RecordingClient.PATIENCE).untilAsserted(() -> assertThat(
                        topology.connectionsPerReplica()).as("connections per replica")
                        .containsOnly(0, total).containsOnlyOnce(total));
            } finally {
                for (AutoCloseable client : clients) {
                    client.close();
                }
            }
        }
    }

    private static TopologyConfig threeReplicas(String impl, BalancePolicy policy) {
        return TestTopologies.of(impl).withReplicas(REPLICAS)
                .withNginx(NginxConfig.defaults().withBalance(policy));
    }
}
