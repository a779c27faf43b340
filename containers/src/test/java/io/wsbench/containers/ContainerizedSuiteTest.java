package io.wsbench.containers;

import io.wsbench.core.PemKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.Transports;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The native e2e checks, against real containers built from this repository (issue 6): for every impl, three
 * ws-server replicas behind the wsbench nginx container, and from the host
 * <ul>
 *   <li>wss:// echo through nginx (TLS ends at nginx with nginx/gen-cert.sh's certificate);</li>
 *   <li>balancing: nine connections land on all three replicas (each asks {@code whoami});</li>
 *   <li>timeout: with server pings off, nginx ends an idle WebSocket at proxy_read_timeout (3 s here) without
 *       a close frame, so the client sees 1006.</li>
 * </ul>
 * One stack per impl, started by the impl's first check and stopped before the next impl starts.
 */
class ContainerizedSuiteTest {
    /** Every impl in the server jar, as the ws-server image holds them. */
    private static final List<String> IMPLS = Transports.names();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ContainerStack stack;
    private static String stackImpl;

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Shows up as the one skipped (or, when required, failed) test that says why nothing else ran. */
    @Test
    void dockerEngineAndImagesArePresent() {
        DockerEngine.assumeReady(ContainerStack.SERVER_IMAGE, ContainerStack.NGINX_IMAGE);
    }

    @TestFactory
    Stream<DynamicNode> everyImplBehindNginxInContainers() {
        DockerEngine.assumeReady(ContainerStack.SERVER_IMAGE, ContainerStack.NGINX_IMAGE);
        return IMPLS.stream().map(impl -> dynamicContainer(impl, Stream.of(
                dynamicTest("wss echo through nginx", () -> wssEcho(stackFor(impl))),
                dynamicTest("3 replicas share the connections", () -> balancing(stackFor(impl))),
                dynamicTest("nginx ends an idle connection at proxy_read_timeout", () -> idleTimeout(stackFor(impl))))));
    }

    private static ContainerStack stackFor(String impl) throws Exception {
        if (!impl.equals(stackImpl)) {
            if (stack != null) {
                stack.close();
                stack = null;
            }
            // Pings off so only nginx's proxy_read_timeout can end an idle connection.
            stack = ContainerStack.start(impl, 3, Map.of("PING_PERIOD", "0", "PONG_WAIT", "10m"),
                    Map.of("NGINX_PROXY_READ_TIMEOUT", "3s", "NGINX_ERROR_LOG_LEVEL", "info"));
            stackImpl = impl;
        }
        return stack;
    }

    private static void wssEcho(ContainerStack s) throws Exception {
        ClientOptions tls = ClientOptions.defaults().withTls(PemKeys.trusting(s.certificate()));
        try (WsClient client = EchoRun.client("jdk-httpclient").create(tls)) {
            RecordingListener rec = new RecordingListener();
            ClientConnection c = client.connect(s.wss(), null, rec).get(30, TimeUnit.SECONDS);
            c.sendText("hello through nginx");
            assertThat(rec.next()).isEqualTo("hello through nginx");
            c.sendText("{\"type\":\"whoami\"}");
            String replica = JSON.readTree(rec.next()).path("payload").path("replica").asText();
            assertThat(s.replicaIds()).contains(replica);
            c.close(CloseCodes.NORMAL, "done");
            assertThat(rec.closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(CloseCodes.NORMAL);
        }
    }

    private static void balancing(ContainerStack s) throws Exception {
        Summary summary = EchoRun.run(new EchoRun.Settings(s.ws(), 9, Duration.ofSeconds(2), "netty", null, 64));
        System.out.print(summary.format());
        assertThat(summary.ok()).as(summary.format()).isTrue();
        assertThat(summary.perReplica().keySet()).isEqualTo(s.replicaIds());
    }

    private static void idleTimeout(ContainerStack s) throws Exception {
        try (WsClient client = EchoRun.client("jdk-httpclient").create(ClientOptions.defaults())) {
            RecordingListener rec = new RecordingListener();
            ClientConnection c = client.connect(s.ws(), null, rec).get(30, TimeUnit.SECONDS);
            c.sendText("then silence");
            assertThat(rec.next()).isEqualTo("then silence");
            long start = System.nanoTime();
            int code = rec.closeCode.get(60, TimeUnit.SECONDS);
            System.out.printf("idle connection ended with %d after %.1f s (proxy_read_timeout 3s)%n", code,
                    (System.nanoTime() - start) / 1e9);
            assertThat(code).isEqualTo(CloseCodes.ABNORMAL);
            // nginx logs the timeout as it closes the tunnel, but the engine passes its stderr on later: at load
            // average 17 the client had its 1006 before the line (or the connection's access line) had arrived.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(s.nginxLogs()).contains("upstream timed out"));
        }
    }
}
