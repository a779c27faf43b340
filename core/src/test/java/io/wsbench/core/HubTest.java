package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application logic alone; the conformance suite proves every impl wires it up the same way. */
class HubTest {
    private final Hub hub = new Hub(new ServerMetrics("test", "none"));

    @Test
    void plainTextIsEchoedUnchanged() {
        Recorder a = open();
        hub.onText(a, "hello");
        assertThat(a.texts).containsExactly("hello");
    }

    @Test
    void echoCommandSendsTheSameTextBack() {
        Recorder a = open();
        Recorder b = open();
        String msg = "{\"type\":\"echo\",\"payload\":{\"n\":1,\"s\":\"x\"}}";
        hub.onText(a, msg);
        assertThat(a.texts).containsExactly(msg);
        assertThat(b.texts).isEmpty();
    }

    @Test
    void broadcastReachesEveryoneAndTheSenderGetsTheResult() {
        Recorder a = open();
        Recorder b = open();
        hub.onText(a, "{\"type\":\"broadcast\",\"payload\":{\"id\":7,\"tags\":[\"a\",\"b\"]}}");
        String broadcast = "{\"type\":\"broadcast\",\"payload\":{\"id\":7,\"tags\":[\"a\",\"b\"]}}";
        assertThat(b.texts).containsExactly(broadcast);
        assertThat(a.texts).containsExactly(broadcast,
                "{\"type\":\"broadcastResult\",\"payload\":{\"id\":7,\"tags\":[\"a\",\"b\"]}}");
    }

    @Test
    void invalidJsonAndUnknownTypesAreEchoed() {
        Recorder a = open();
        hub.onText(a, "{\"type\":\"broadcast\"");
        hub.onText(a, "{\"type\":\"subscribe\",\"payload\":1}");
        hub.onText(a, "{\"type\":5}");
        assertThat(a.texts).containsExactly("{\"type\":\"broadcast\"", "{\"type\":\"subscribe\",\"payload\":1}",
                "{\"type\":5}");
    }

    @Test
    void whoamiTellsTheSenderWhichReplicaItIsOn() {
        Recorder a = open();
        Recorder b = open();
        hub.onText(a, "{\"type\":\"whoami\"}");
        assertThat(a.texts).containsExactly(
                "{\"type\":\"whoami\",\"payload\":{\"replica\":\"" + ReplicaId.current() + "\"}}");
        assertThat(b.texts).isEmpty();
    }

    @Test
    void binaryIsEchoedAsBinary() {
        Recorder a = open();
        hub.onBinary(a, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(a.binaries).hasSize(1);
        assertThat(a.texts).isEmpty();
    }

    @Test
    void closedConnectionsStopReceivingAndAreCountedByCode() throws Exception {
        Recorder a = open();
        Recorder b = open();
        hub.closed(b, 1000);
        hub.closed(b, 1000); // twice is harmless
        assertThat(hub.broadcast("news")).isEqualTo(1);
        assertThat(a.texts).containsExactly("news");
        assertThat(b.texts).isEmpty();
        String metrics = scrape();
        assertThat(metrics).contains("wsbench_connections_active 1.0")
                .contains("wsbench_connections_closed_total{code=\"1000\"} 1.0")
                .contains("wsbench_messages_sent_total 1.0")
                .contains("wsbench_bytes_sent_total 4.0");
    }

    @Test
    void payloadBytesAreCountedInUtf8() throws Exception {
        Recorder a = open();
        hub.onText(a, "h\u00e9\u20ac\ud83d\ude00"); // 1 + 2 + 3 + 4 bytes
        assertThat(scrape()).contains("wsbench_bytes_received_total 10.0");
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hub.metrics().writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private Recorder open() {
        Recorder r = new Recorder();
        hub.opened(r);
        return r;
    }

    private static final class Recorder implements Connection {
        final List<String> texts = new ArrayList<>();
        final List<ByteBuffer> binaries = new ArrayList<>();

        @Override
        public void sendText(String text) {
            texts.add(text);
        }

        @Override
        public void sendBinary(ByteBuffer data) {
            binaries.add(data);
        }

        @Override
        public void close(int code, String reason) {
        }
    }
}
