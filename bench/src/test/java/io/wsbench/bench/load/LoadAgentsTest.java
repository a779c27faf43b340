package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.bench.format.Histograms;
import io.wsbench.topology.Topology;
import io.wsbench.topology.TopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two load JVMs, two replicas with a broker, one nginx: the scale scenario's path with a few hundred connections. */
class LoadAgentsTest {
    private static final int EACH = 150;

    @Test
    void everyConnectionOfEveryAgentReceivesANotificationPostedToOneReplica(@TempDir Path dir) throws Exception {
        try (Topology topology = Topology.start(TopologyConfig.of("netty").withReplicas(2).withBroker(true));
             LoadAgents agents = LoadAgents.start(2, List.of("-Xmx256m"), dir)) {
            List<AgentReport> opened = agents.ask(i -> AgentCommand.open(topology.nginxWsUri(), EACH, 500,
                    "127.0.0." + (2 + i)), Duration.ofSeconds(60));
            assertThat(opened).allSatisfy(r -> {
                assertThat(r.opened()).as(r.firstFailure()).isEqualTo(EACH);
                assertThat(r.open()).isEqualTo(EACH);
                assertThat(Histograms.decode(r.connectNanos()).getTotalCount()).isEqualTo(EACH);
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> topology.connectionsPerReplica().stream()
                    .mapToInt(Integer::intValue).sum() == 2 * EACH);
            assertThat(topology.connectionsPerReplica()).allSatisfy(n -> assertThat(n).isPositive());

            topology.replica(0).notify(LoadAgent.notification(1, System.nanoTime()));
            List<AgentReport> received = agents.ask(i -> AgentCommand.await(1, Duration.ofSeconds(30)),
                    Duration.ofSeconds(40));
            List<AgentReport> cut = agents.ask(i -> AgentCommand.cut(), Duration.ofSeconds(10));

            assertThat(received).extracting(AgentReport::received).containsExactly(EACH, EACH);
            assertThat(cut).allSatisfy(r -> assertThat(Histograms.decode(r.receiptNanos()).getTotalCount())
                    .isEqualTo(EACH));
        }
    }

    @Test
    void closingEndsEveryAgentProcess(@TempDir Path dir) throws Exception {
        List<Long> pids;
        try (LoadAgents agents = LoadAgents.start(2, List.of("-Xmx64m"), dir)) {
            pids = agents.pids();
            assertThat(agents.ask(i -> AgentCommand.status(), Duration.ofSeconds(10)))
                    .extracting(AgentReport::open).containsExactly(0, 0);
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true)));
    }
}
