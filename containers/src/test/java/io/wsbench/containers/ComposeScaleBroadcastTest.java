package io.wsbench.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;

/**
 * Issue 16 §1 in Compose: the repository's docker-compose.yaml itself, {@code up --scale ws-server=3} (undertow,
 * the example) with its nats service, nginx published on a free loopback port. A broadcast from a client
 * on one replica reaches the clients of all three; with the nats container killed each replica still serves its
 * own clients and says the broadcast was not published; with it started again fan-out resumes.
 *
 * <p>Runs Debian's docker-compose 1.29 on the host (Testcontainers' local compose), no pulls, no builds: the
 * images must exist ({@code docker/ci.sh up}, which must build the {@code nats} target too). {@code WSBENCH_TAG}
 * picks the image tag (default latest).
 */
class ComposeScaleBroadcastTest {
    private static final String TAG = System.getenv().getOrDefault("WSBENCH_TAG", "latest");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void broadcastReachesEveryReplicaThroughNatsAndSurvivesTheBrokerGoingAway() throws Exception {
        DockerEngine.assumeReady("wsbench/ws-server:" + TAG, "wsbench/nginx:" + TAG, "wsbench/nats:" + TAG);
        Path certs = ContainerStack.certificates();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WSBENCH_TAG", TAG);
        env.put("SERVER_IMPL", "undertow");
        env.put("CERT_DIR", certs.toString());
        env.put("NGINX_HTTP_PUBLISH", "127.0.0.1:");
        env.put("NGINX_HTTPS_PUBLISH", "127.0.0.1:");
        env.put("JARS", "prebuilt");
        // Another Compose project on this host (docker/ci.sh compose-check) may hold the default subnet.
        String subnet = System.getenv("WSBENCH_SUBNET");
        if (subnet != null && !subnet.isBlank()) {
            env.put("WSBENCH_SUBNET", subnet);
        }
        DockerComposeContainer<?> compose = new DockerComposeContainer<>(
                new File("../docker-compose.yaml").getAbsoluteFile())
                .withServices("nats", "ws-server", "nginx")
                .withScaledService("ws-server", 3)
                .withEnv(env)
                .withPull(false)
                .withBuild(false);
        compose.start();
        List<Client> clients = new ArrayList<>();
        try (WsClient ws = EchoRun.client("jdk-httpclient").create(ClientOptions.defaults())) {
            URI uri = URI.create("ws://127.0.0.1:" + publishedPort(compose, "nginx_1", 80) + ContainerStack.WS_PATH);
            Map<String, List<Client>> byReplica = connectUntilEveryReplicaHasOne(ws, uri, clients);
            List<List<Client>> replicas = new ArrayList<>(byReplica.values());

            Client sender = replicas.get(0).get(0);
            sender.send("{\"type\":\"broadcast\",\"payload\":1}");
            for (Client c : clients) {
                assertThat(c.next()).as("a client on %s", c.replica).isEqualTo("{\"type\":\"broadcast\",\"payload\":1}");
            }
            assertThat(sender.next()).contains("\"published\":true");

            String nats = compose.getContainerByServiceName("nats_1").orElseThrow().getContainerId();
            DockerClientFactory.instance().client().killContainerCmd(nats).exec();
            await().atMost(PATIENCE).until(() -> {
                sender.send("{\"type\":\"broadcast\",\"payload\":\"probe\"}");
                return drainUntilResult(sender).contains("\"published\":false");
            });
            drainAll(clients);
            sender.send("{\"type\":\"broadcast\",\"payload\":\"while down\"}");
            for (Client c : replicas.get(0)) {
                assertThat(c.next()).isEqualTo("{\"type\":\"broadcast\",\"payload\":\"while down\"}");
            }
            assertThat(sender.next()).contains("\"published\":false");

            DockerClientFactory.instance().client().startContainerCmd(nats).exec();
            for (List<Client> replica : replicas) {
                Client probe = replica.get(0);
                await().atMost(PATIENCE).until(() -> {
                    probe.send("{\"type\":\"broadcast\",\"payload\":\"probe\"}");
                    return drainUntilResult(probe).contains("\"published\":true");
                });
            }
            drainAll(clients);
            Client third = replicas.get(2).get(0);
            third.send("{\"type\":\"broadcast\",\"payload\":\"back\"}");
            for (Client c : clients) {
                assertThat(c.next()).as("a client on %s", c.replica).isEqualTo("{\"type\":\"broadcast\",\"payload\":\"back\"}");
            }
        } finally {
            clients.forEach(Client::close);
            compose.stop();
        }
    }

    /**
     * Where Compose published a port ({@code NGINX_HTTP_PUBLISH=127.0.0.1:} picks a free one). Read from the
     * container, as Testcontainers maps only ports it was asked to expose through its ambassador image.
     */
    private static String publishedPort(DockerComposeContainer<?> compose, String instance, int port) {
        ContainerState state = compose.getContainerByServiceName(instance).orElseThrow();
        Ports.Binding[] bindings = DockerClientFactory.instance().client().inspectContainerCmd(state.getContainerId())
                .exec().getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
        return bindings[0].getHostPortSpec();
    }

    /** least_conn gives each new connection the emptiest replica; whoami tells which one it is. */
    private static Map<String, List<Client>> connectUntilEveryReplicaHasOne(WsClient ws, URI uri, List<Client> all)
            throws Exception {
        Map<String, List<Client>> byReplica = new LinkedHashMap<>();
        for (int i = 0; i < 12 && byReplica.size() < 3; i++) {
            RecordingListener rec = new RecordingListener();
            ClientConnection c = ws.connect(uri, null, rec).get(60, TimeUnit.SECONDS);
            c.sendText("{\"type\":\"whoami\"}");
            String replica = JSON.readTree(rec.next()).path("payload").path("replica").asText();
            Client client = new Client(c, rec, replica);
            all.add(client);
            byReplica.computeIfAbsent(replica, r -> new ArrayList<>()).add(client);
        }
        assertThat(byReplica).as("replicas reached through nginx").hasSize(3);
        return byReplica;
    }

    private static String drainUntilResult(Client c) throws InterruptedException {
        String t;
        do {
            t = c.next();
        } while (!t.contains("broadcastResult"));
        return t;
    }

    /** Reads each client's queue up to an echo of a fresh marker, so the next message is whatever comes next. */
    private static void drainAll(List<Client> clients) throws Exception {
        String marker = "marker-" + System.nanoTime();
        for (Client c : clients) {
            c.send(marker);
            while (!c.next().equals(marker)) {
                // a probe broadcast from before
            }
        }
    }

    private record Client(ClientConnection connection, RecordingListener rec, String replica) {
        void send(String text) {
            connection.sendText(text);
        }

        String next() throws InterruptedException {
            return rec.next();
        }

        void close() {
            connection.close(1000, "done");
        }
    }
}
