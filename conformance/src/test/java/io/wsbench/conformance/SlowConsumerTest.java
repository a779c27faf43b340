package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.5. A raw client with a 4 KiB receive buffer upgrades and then never reads again; the server is made to
 * send it far more than it can take. "Memory stays bounded" is proven by when the close happens: after roughly
 * the kernel's socket buffers plus MAX_QUEUED_BYTES, long before the volume pushed at it. Each case has its own
 * server because it counts {@code wsbench_slow_consumer_closes_total}.
 */
@DisplayName("§3.5 Slow consumers and write deadline")
@ExtendWith(ConformanceMatrix.class)
class SlowConsumerTest {
    private static final int TINY_RECEIVE_BUFFER = 4096;
    private static final long MAX_QUEUED_BYTES = 256 * 1024;
    private static final int NOTIFICATION_BYTES = 64 * 1024;
    /** 256 x MAX_QUEUED_BYTES: an impl still holding the connection after this much has no real bound. */
    private static final long VOLUME_PUSHED_AT_MOST = 64L << 20;
    private static final String SLOW_CLOSES = "wsbench_slow_consumer_closes_total";

    @ForEachImpl
    void slowConsumerIsClosedAndCountedWhileOthersKeepUp(ServerImpl impl) throws Exception {
        // WRITE_WAIT far beyond the case: only MAX_QUEUED_BYTES can close the stalled client in time
        var config = ScaledConfig.slowConsumer(Duration.ofSeconds(120), MAX_QUEUED_BYTES);
        try (ServerUnderTest server = impl.start(config);
             JdkClient reader = JdkClient.connect(server);
             RawWebSocket stalled = RawWebSocket.to(server).receiveBuffer(TINY_RECEIVE_BUFFER).open()) {
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> server.connectionCount() == 2);
            long pushed = 0;
            int seq = 0;
            while (pushed < VOLUME_PUSHED_AT_MOST && server.connectionCount() == 2) {
                String notification = Payloads.numbered(seq++, NOTIFICATION_BYTES);
                HttpResponse<String> response = AdminClient.post(server, "/notify", notification);
                assertThat(response.statusCode()).as("POST /notify").isEqualTo(202);
                // the reading client gets every notification, one at a time: it is never the slow one
                assertThat(reader.nextText()).as("notification %d at the reading client", seq - 1).isEqualTo(notification);
                pushed += NOTIFICATION_BYTES;
            }
            ConformanceMatrix.saw("closed after " + mib(pushed) + " pushed");
            assertThat(server.connectionCount())
                    .withFailMessage("a client that stopped reading was still connected after %s was pushed at it"
                            + " (MAX_QUEUED_BYTES %s): its unsent data is not bounded", mib(pushed), mib(MAX_QUEUED_BYTES))
                    .isEqualTo(1);
            awaitSlowConsumerCounted(server);
            assertThat(reader.closed().isDone())
                    .withFailMessage("the reading client was closed too (%s)", reader.closed().getNow(null)).isFalse();
            reader.sendText("still fine");
            assertThat(reader.nextText()).isEqualTo("still fine");
            Close end = stalled.drainUntilEnd(ScaledConfig.EVENTUALLY);
            assertThat(end.ended()).withFailMessage("the slow consumer's TCP connection is %s", end).isTrue();
        }
    }

    @ForEachImpl
    void writeDeadlineClosesAStalledSend(ServerImpl impl) throws Exception {
        // MAX_QUEUED_BYTES far above the message: only WRITE_WAIT can close the stalled client
        var config = ScaledConfig.slowConsumer(ScaledConfig.WRITE_WAIT, 1L << 30);
        int size = messageBeyondSocketBuffers();
        try (ServerUnderTest server = impl.start(config);
             RawWebSocket stalled = RawWebSocket.to(server).receiveBuffer(TINY_RECEIVE_BUFFER).open()) {
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> server.connectionCount() == 1);
            HttpResponse<String> response = AdminClient.post(server, "/notify", "x".repeat(size));
            assertThat(response.statusCode()).as("POST /notify").isEqualTo(202);
            ConformanceMatrix.saw("one " + mib(size) + " message");
            try {
                await().atMost(ScaledConfig.EVENTUALLY).until(() -> server.connectionCount() == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("a " + mib(size) + " send to a client that stopped reading was still pending "
                        + ScaledConfig.EVENTUALLY.toSeconds() + " s later (WRITE_WAIT " + ScaledConfig.WRITE_WAIT.toMillis()
                        + " ms)");
            }
            awaitSlowConsumerCounted(server);
            Close end = stalled.drainUntilEnd(ScaledConfig.EVENTUALLY);
            assertThat(end.ended()).withFailMessage("the stalled client's TCP connection is %s", end).isTrue();
        }
    }

    private static void awaitSlowConsumerCounted(ServerUnderTest server) throws Exception {
        try {
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> AdminClient.metric(server, SLOW_CLOSES) >= 1.0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the stalled client was closed but " + SLOW_CLOSES + " stayed at "
                    + AdminClient.metric(server, SLOW_CLOSES) + " (hub.slowConsumerClosed not called?)");
        }
        assertThat(AdminClient.metric(server, SLOW_CLOSES)).as(SLOW_CLOSES + ", counted once").isEqualTo(1.0);
    }

    /**
     * Far more than the kernel can absorb for one connection (the server's send buffer grows up to tcp_wmem's
     * maximum; the client's receive buffer is pinned at 4 KiB), so the send really stalls.
     */
    private static int messageBeyondSocketBuffers() {
        long wmemMax = 4L << 20;
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            wmemMax = Long.parseLong(wmem[wmem.length - 1]);
        } catch (IOException | RuntimeException e) {
            // not Linux: 4 MiB is the common default
        }
        return (int) Math.min(256L << 20, Math.max(16L << 20, 4 * wmemMax));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
