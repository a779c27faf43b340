package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.TransportProvider;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §3.8: the closing handshake in both directions. */
@DisplayName("§3.8 Close")
@ExtendWith(ConformanceMatrix.class)
class CloseTest {
    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    @ForEachImpl
    void clientClose1000IsAnswered1000(TransportProvider impl) throws Exception {
        NotificationServer server = SERVERS.of(impl, ScaledConfig.standard());
        Close raw;
        try (RawWebSocket ws = RawWebSocket.to(server).open()) {
            ws.sendClose(CloseCodes.NORMAL);
            raw = ws.awaitClose();
        }
        int jdk;
        try (JdkClient client = JdkClient.connect(server)) {
            client.sendClose(CloseCodes.NORMAL);
            jdk = client.awaitCloseCode();
        }
        ConformanceMatrix.saw(raw);
        assertThat(raw.code()).withFailMessage("raw client's close 1000 answered with %s", raw).isEqualTo(1000);
        assertThat(jdk).withFailMessage("JDK client's close 1000 answered with %s", jdk).isEqualTo(1000);
    }

    /**
     * The adapter brief: {@code Transport.close()} frees every thread and both ports, because one JVM (this suite,
     * the bench) starts and stops servers many times. A first start/stop loads the library's JVM-wide singletons
     * (not leaks); the second must leave no new thread alive once its pools have wound down.
     */
    @ForEachImpl
    void serverCloseReleasesItsPortsAndThreads(TransportProvider impl) throws Exception {
        startUseAndClose(impl);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int[] ports = startUseAndClose(impl);
        long deadline = RawWebSocket.deadline(ScaledConfig.EVENTUALLY);
        List<String> leaked = leakedThreads(before);
        while (!leaked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            leaked = leakedThreads(before);
        }
        assertThat(leaked).as("threads started by the server and still alive %d s after close()",
                ScaledConfig.EVENTUALLY.toSeconds()).isEmpty();
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (BindException e) {
                throw new AssertionError("port " + port + " is still bound after close(): " + e.getMessage());
            }
        }
        ConformanceMatrix.saw("ports " + ports[0] + ", " + ports[1] + " free");
    }

    private static int[] startUseAndClose(TransportProvider impl) throws Exception {
        try (NotificationServer server = NotificationServer.start(impl, ScaledConfig.standard());
             JdkClient client = JdkClient.connect(server)) {
            client.sendText("hello");
            assertThat(client.nextText()).isEqualTo("hello");
            return new int[] {server.port(), server.adminPort()};
        }
    }

    /** Threads not in {@code before}, minus this suite's own HTTP client workers and JVM housekeeping. */
    private static List<String> leakedThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("HttpClient-") && !name.equals("Attach Listener")
                        && !name.startsWith("process reaper"))
                .sorted()
                .toList();
    }

    /** NotificationServer.close() is the act under test here, so this case owns its server's whole life. */
    @ForEachImpl
    void serverShutdownSends1001ToEveryClient(TransportProvider impl) throws Exception {
        NotificationServer server = NotificationServer.start(impl, ScaledConfig.standard());
        List<JdkClient> clients = new ArrayList<>();
        RawWebSocket raw = null;
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(JdkClient.connect(server));
            }
            raw = RawWebSocket.to(server).open();
            NotificationServer running = server;
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> running.hub().connectionCount() == 4);
            // the raw client answers the close while the server waits for the handshakes
            RawWebSocket reader = raw;
            CompletableFuture<Close> rawClose = CompletableFuture.supplyAsync(reader::awaitClose,
                    task -> new Thread(task, "raw-close-reader").start());

            server.close();
            server = null;

            List<Object> seen = new ArrayList<>();
            for (JdkClient client : clients) {
                seen.add(client.closed().get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS));
            }
            seen.add(rawClose.get(ScaledConfig.EVENTUALLY.toMillis() + 1000, TimeUnit.MILLISECONDS));
            ConformanceMatrix.saw(seen.stream().map(String::valueOf).distinct().toList().toString());
            assertThat(seen).as("close codes the 3 JDK clients and the raw client saw")
                    .map(String::valueOf).containsOnly("1001");
        } finally {
            clients.forEach(JdkClient::close);
            if (raw != null) {
                raw.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
