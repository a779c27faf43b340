package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.BrokerFanOut;
import io.wsbench.core.BrokerSettings;
import io.wsbench.core.Connection;
import io.wsbench.core.Delivery;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Core's {@link BrokerFanOut} against a real nats-server, without sockets to clients: three hubs stand for three
 * replicas, each with two recorded connections. What a client of any replica receives, and what each replica's
 * metrics and health say, with the broker up, killed and back.
 */
class BrokerFanOutTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Path dir;
    private NatsProcess nats;

    BrokerFanOutTest() throws IOException {
        dir = Files.createTempDirectory("wsbench-nats-");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
        if (nats != null) {
            nats.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void broadcastReachesEveryClientOfEveryReplicaExactlyOnce() throws Exception {
        nats = NatsProcess.start(dir);
        List<Replica> replicas = List.of(replica(), replica(), replica());
        awaitAllUp(replicas);
        Recorder sender = replicas.get(0).clients.get(0);

        replicas.get(0).hub.onText(sender, "{\"type\":\"broadcast\",\"payload\":1}");
        replicas.get(1).hub.notify("second");

        for (Replica r : replicas) {
            for (Recorder client : r.clients) {
                await().atMost(PATIENCE).until(() -> client.texts.contains("second"));
                List<String> got = client.texts.stream().filter(t -> !t.contains("broadcastResult")).toList();
                assertThat(got).as("what a client of each replica received, once each")
                        .containsExactlyInAnyOrder("{\"type\":\"broadcast\",\"payload\":1}", "second");
            }
        }
        assertThat(sender.texts).as("the sender's result: delivered here, and published")
                .contains("{\"type\":\"broadcastResult\",\"payload\":1,\"delivered\":2,\"published\":true}");
        assertThat(metric(replicas.get(0), "wsbench_broker_published_total")).isEqualTo(1.0);
        assertThat(metric(replicas.get(0), "wsbench_broker_received_total"))
                .as("from the broker: replica 1's notification, never its own (noEcho)")
                .isEqualTo(1.0);
    }

    @Test
    void brokerDownKeepsLocalClientsServedCountsEachNotificationAndReconnects() throws Exception {
        nats = NatsProcess.start(dir);
        List<Replica> replicas = List.of(replica(), replica());
        awaitAllUp(replicas);
        Replica a = replicas.get(0);
        Replica b = replicas.get(1);

        nats.kill();
        await().atMost(PATIENCE).until(() -> !a.broker.isUp() && !b.broker.isUp());
        assertThat(metric(a, "wsbench_broker_up")).isEqualTo(0.0);

        Delivery whileDown = a.hub.notify("while down 1");
        a.hub.notify("while down 2");
        assertThat(whileDown).isEqualTo(new Delivery(2, Delivery.Publication.NOT_PUBLISHED));
        assertThat(whileDown.jsonMembers()).isEqualTo("\"delivered\":2,\"published\":false");
        assertThat(a.clients).allSatisfy(c -> assertThat(c.texts).containsExactly("while down 1", "while down 2"));
        assertThat(metric(a, "wsbench_broker_unpublished_total")).as("each one not published is counted")
                .isEqualTo(2.0);

        nats = nats.restart();
        await().atMost(PATIENCE).until(() -> a.broker.isUp() && b.broker.isUp());
        // Subscriptions are re-sent on reconnect; a round trip through the server shows they are in place.
        await().atMost(PATIENCE).untilAsserted(() -> {
            a.hub.notify("after");
            assertThat(b.clients.get(0).texts).contains("after");
        });
        assertThat(b.clients.get(0).texts).as("nothing published while down arrives late").doesNotContain(
                "while down 1", "while down 2");
        assertThat(metric(a, "wsbench_broker_reconnects_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(a, "wsbench_broker_up")).isEqualTo(1.0);
    }

    @Test
    void aReplicaStartedBeforeItsBrokerConnectsOnceTheBrokerIsUp() throws Exception {
        nats = NatsProcess.start(dir);
        nats.kill();
        Replica early = replica();
        assertThat(early.broker.isUp()).isFalse();
        assertThat(early.hub.notify("alone").publication()).isEqualTo(Delivery.Publication.NOT_PUBLISHED);

        nats = nats.restart();
        Replica late = replica();
        awaitAllUp(List.of(early, late));
        await().atMost(PATIENCE).untilAsserted(() -> {
            early.hub.notify("together");
            assertThat(late.clients.get(1).texts).contains("together");
        });
    }

    private Replica replica() {
        Hub hub = new Hub(new ServerMetrics("test", "none"));
        BrokerFanOut broker = BrokerFanOut.start(BrokerSettings.nats(nats.url()), hub);
        owned.add(broker);
        List<Recorder> clients = List.of(new Recorder(), new Recorder());
        clients.forEach(hub::opened);
        return new Replica(hub, broker, clients);
    }

    private static void awaitAllUp(List<Replica> replicas) {
        await().atMost(PATIENCE).until(() -> replicas.stream().allMatch(r -> r.broker.isUp()));
    }

    private static double metric(Replica r, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.hub.metrics().writeText(out);
        return MetricsSnapshot.parse(out.toString(StandardCharsets.UTF_8)).get(name);
    }

    private record Replica(Hub hub, BrokerFanOut broker, List<Recorder> clients) {
    }

    private static final class Recorder implements Connection {
        final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public void sendText(String text) {
            texts.add(text);
        }

        @Override
        public void sendBinary(ByteBuffer data) {
        }

        @Override
        public void close(int code, String reason) {
        }
    }
}
