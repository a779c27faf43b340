package io.wsbench.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One load run as the ws-client container does it: {@code connections} WebSockets to {@code url}; each first
 * asks the server {@code {"type":"whoami"}} (which replica behind nginx holds it), then echoes a text message
 * closed-loop (send, wait for the same text back, send the next) until {@code duration} is over, then closes
 * with 1000. The {@link Summary} counts connections per replica, echoes and wrong replies, and the round trip
 * time. The Testcontainers tests run the same class from the host, so container and test agree on "balanced".
 */
public final class EchoRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait past the deadline for the last replies and close handshakes. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    /** What to run; {@code tls} is the trust for wss:// (null for ws://), {@code client} a ClientProvider name. */
    public record Settings(URI url, int connections, Duration duration, String client, SSLContext tls, int payloadBytes) {
    }

    private EchoRun() {
    }

    /** The load client by its {@link ClientProvider#name()}: {@code netty} or {@code jdk-httpclient}. */
    public static ClientProvider client(String name) {
        List<String> known = new ArrayList<>();
        for (ClientProvider p : ServiceLoader.load(ClientProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("unknown client '" + name + "', known: " + String.join(", ", known));
    }

    public static Summary run(Settings settings) throws Exception {
        ClientProvider provider = client(settings.client());
        ClientOptions options = ClientOptions.defaults().withIoThreads(1);
        if (settings.tls() != null) {
            options = options.withTls(settings.tls());
        }
        String padding = "x".repeat(Math.max(0, settings.payloadBytes() - 16));
        Histogram rtt = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        CountDownLatch finished = new CountDownLatch(settings.connections());
        List<Conn> conns = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long connectStarted = System.nanoTime();
        long started;
        long deadline;
        try (WsClient client = provider.create(options)) {
            List<CompletableFuture<ClientConnection>> opening = new ArrayList<>();
            for (int i = 0; i < settings.connections(); i++) {
                Conn c = new Conn(i, padding, rtt, finished);
                conns.add(c);
                opening.add(client.connect(settings.url(), null, c));
            }
            List<ClientConnection> open = new ArrayList<>();
            for (int i = 0; i < opening.size(); i++) {
                try {
                    open.add(opening.get(i).get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    errors.add(cause.toString());
                    open.add(null);
                    finished.countDown();
                }
            }
            // The echo phase starts once every connection is open (or failed), so a slow connect phase
            // (TLS handshakes of a cold JVM on a busy machine) does not eat the measured time.
            started = System.nanoTime();
            deadline = started + settings.duration().toNanos();
            for (int i = 0; i < open.size(); i++) {
                if (open.get(i) != null) {
                    conns.get(i).start(open.get(i), deadline);
                }
            }
            long wait = Math.max(0, deadline - System.nanoTime()) + GRACE.toNanos();
            finished.await(wait, TimeUnit.NANOSECONDS);
            for (Conn c : conns) {
                c.stop();
            }
        }
        double connectSeconds = (started - connectStarted) / 1e9;
        double seconds = (Math.min(System.nanoTime(), deadline) - started) / 1e9;
        return Summary.of(settings, provider.library(), conns.stream().map(Conn::result).toList(), errors, rtt,
                connectSeconds, seconds);
    }

    /** One connection's state; callbacks arrive on the client's I/O thread. */
    private static final class Conn implements ClientListener {
        private final int id;
        private volatile long deadline;
        private final String padding;
        private final Histogram rtt;
        private final CountDownLatch finished;
        private final AtomicLong echoes = new AtomicLong();
        private final AtomicLong wrong = new AtomicLong();
        private volatile ClientConnection connection;
        private volatile String replica;
        private volatile String expected;
        private volatile long sentAt;
        private volatile int closeCode;
        private volatile boolean done;

        Conn(int id, String padding, Histogram rtt, CountDownLatch finished) {
            this.id = id;
            this.padding = padding;
            this.rtt = rtt;
            this.finished = finished;
        }

        void start(ClientConnection c, long deadline) {
            this.deadline = deadline;
            connection = c;
            c.sendText("{\"type\":\"whoami\"}");
        }

        @Override
        public void onText(ClientConnection c, String text) {
            if (replica == null) {
                replica = replicaOf(text);
                sendNext(c);
                return;
            }
            long now = System.nanoTime();
            if (text.equals(expected)) {
                echoes.incrementAndGet();
                rtt.recordValue(Math.min(now - sentAt, rtt.getHighestTrackableValue()));
            } else {
                wrong.incrementAndGet();
            }
            if (now < deadline) {
                sendNext(c);
            } else {
                finish();
            }
        }

        @Override
        public void onClose(ClientConnection c, int code, String reason) {
            closeCode = code;
            finish();
        }

        void stop() {
            ClientConnection c = connection;
            if (c != null && closeCode == 0) {
                c.close(CloseCodes.NORMAL, "load over");
            }
        }

        Summary.ConnResult result() {
            return new Summary.ConnResult(id, connection != null, replica, echoes.get(), wrong.get(), closeCode);
        }

        private void sendNext(ClientConnection c) {
            String msg = "echo " + id + "-" + echoes.get() + " " + padding;
            expected = msg;
            sentAt = System.nanoTime();
            c.sendText(msg);
        }

        private synchronized void finish() {
            if (!done) {
                done = true;
                finished.countDown();
            }
        }

        private static String replicaOf(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                if ("whoami".equals(node.path("type").asText())) {
                    return node.path("payload").path("replica").asText("?");
                }
            } catch (Exception e) {
                // not JSON: a server without the whoami command echoed it back
            }
            return "?";
        }
    }
}
