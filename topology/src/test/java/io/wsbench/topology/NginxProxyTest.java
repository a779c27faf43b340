package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** A replica behind a real nginx, reached over ws:// and wss://, and nginx's own count of it (stub_status). */
@ExtendWith(TestTopologies.class)
class NginxProxyTest {

    @ForEachImpl
    void echoPassesThroughNginx(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl));
             RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
            assertThat(client.echo("hello")).isEqualTo("hello");
            String json = "{\"type\":\"echo\",\"payload\":\"through nginx\"}";
            assertThat(client.echo(json)).isEqualTo(json);
        }
    }

    @ForEachImpl
    void wssEchoThroughNginxWithTheGeneratedCertificate(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl))) {
            HttpClient tls = RecordingClient.trusting(topology.certificate());
            URI byName = topology.nginxWssUri();
            // The certificate names 127.0.0.1 as well (an IP SAN), so both spellings verify.
            URI byAddress = URI.create(byName.toString().replace("//localhost:", "//127.0.0.1:"));
            for (URI uri : List.of(byName, byAddress)) {
                try (RecordingClient client = RecordingClient.connect(tls, uri)) {
                    assertThat(client.echo("secure hello")).as(uri.toString()).isEqualTo("secure hello");
                }
            }
        }
    }

    @ForEachImpl
    void replicasTerminatingTlsAreReachedDirectlyAndThroughNginx(String impl) throws Exception {
        echoesWithTlsAtTheReplica(impl);
    }

    /** Direct wss://, wss:// through nginx and ws:// through nginx re-encrypting; ReferenceServerTest runs it too. */
    static void echoesWithTlsAtTheReplica(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl).withServerTls(true))) {
            HttpClient tls = RecordingClient.trusting(topology.certificate());
            URI direct = topology.directWsUri(0);
            assertThat(direct.getScheme()).isEqualTo("wss");
            for (URI uri : List.of(direct, topology.nginxWssUri())) {
                try (RecordingClient client = RecordingClient.connect(tls, uri)) {
                    assertThat(client.echo("tls to the replica")).as(uri.toString()).isEqualTo("tls to the replica");
                }
            }
            // plain ws:// to nginx, which re-encrypts towards the replica
            try (RecordingClient client = RecordingClient.connect(topology.nginxWsUri())) {
                assertThat(client.echo("re-encrypted")).isEqualTo("re-encrypted");
            }
        }
    }

    @ForEachImpl
    void stubStatusActiveConnectionsRiseAndFallWithClients(String impl) throws Exception {
        try (Topology topology = TestTopologies.start(TestTopologies.of(impl))) {
            StubStatus before = topology.stubStatus();
            List<RecordingClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    clients.add(RecordingClient.connect(topology.nginxWsUri()));
                }
                // Each reading counts its own connection, so "before" and the readings below include one each.
                await().atMost(RecordingClient.PATIENCE)
                        .untilAsserted(() -> assertThat(topology.stubStatus().active()).isEqualTo(before.active() + 5));
                StubStatus during = topology.stubStatus();
                assertThat(during.accepts()).isGreaterThanOrEqualTo(before.accepts() + 5);
                assertThat(during.handled()).isGreaterThanOrEqualTo(before.handled() + 5);
                assertThat(during.requests()).isGreaterThanOrEqualTo(before.requests() + 5);
                await().atMost(RecordingClient.PATIENCE)
                        .untilAsserted(() -> assertThat(topology.replica(0).connectionsActive()).isEqualTo(5));
            } finally {
                clients.forEach(RecordingClient::close);
            }
            await().atMost(RecordingClient.PATIENCE)
                    .untilAsserted(() -> assertThat(topology.stubStatus().active()).isEqualTo(before.active()));
            await().atMost(RecordingClient.PATIENCE)
                    .untilAsserted(() -> assertThat(topology.replica(0).connectionsActive()).isZero());
        }
    }
}
