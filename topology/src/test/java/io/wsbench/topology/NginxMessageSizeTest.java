package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.ServerConfig;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which message sizes pass through nginx. The design notes worry that nginx's 1 MB client_max_body_size cuts
 * large messages; it does not apply to WebSocket frames (they are not a request body), so the server's
 * READ_LIMIT is the only limit, and it is enforced the same behind the proxy as without it.
 */
@ExtendWith(TestTopologies.class)
class NginxMessageSizeTest {
    private static final int KIB = 1024;

    @ForEachImpl
    void hundredKibMessageEchoesIntactThroughNginxWhenReadLimitIsRaised(String impl) throws Exception {
        ServerConfig server = TestTopologies.of(impl).server().withReadLimit(256 * KIB);
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl).withServer(server));
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            String message = text(100 * KIB);
            assertThat(client.echo(message)).isEqualTo(message);
            assertThat(client.isOpen()).isTrue();
        }
    }

    @ForEachImpl
    void defaultReadLimitStillCloses1009ThroughNginx(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl));
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            client.send(text(100 * KIB));
            await().atMost(RecordingClient.PATIENCE).until(client::hasEnded);
            assertThat(client.closeCode()).as(client.describe()).isEqualTo(1009);
        }
    }

    @ForEachImpl
    void messageLargerThanClientMaxBodySizePassesThroughNginx(String impl) throws Exception {
        // 2 MiB against nginx's client_max_body_size 1m; the server's limits raised so only nginx could refuse.
        ServerConfig server = TestTopologies.of(impl).server().withReadLimit(4 * KIB * KIB)
                .withMaxQueuedBytes(16L * KIB * KIB);
        TopologyConfig config = TestTopologies.of(impl).withServer(server)
                .withNginx(NginxConfig.defaults().withClientMaxBodySize("1m"));
        try (Topology topology = TestTopologies.start(config);
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            String message = text(2 * KIB * KIB);
            assertThat(client.echo(message)).isEqualTo(message);
        }
    }

    /** Printable ASCII, like the notes' base64 test file: one byte per char on the wire. */
    private static String text(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
