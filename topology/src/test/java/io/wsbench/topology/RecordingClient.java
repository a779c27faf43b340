package io.wsbench.topology;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's {@link WebSocket} (it masks, answers pings with pongs by itself and closes by the book), recording
 * what arrives: whole text messages, pings seen, and how the connection ended, by a close frame (its code) or
 * by the TCP connection just going away ({@link #endedWithoutCloseFrame()}, what a proxy timeout looks like).
 */
final class RecordingClient implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One for the run: JDK 17's HttpClient cannot be closed, so one per test would leak a selector thread. */
    static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(PATIENCE).build();

    private final WebSocket ws;
    private final Recorder recorder;

    private RecordingClient(WebSocket ws, Recorder recorder) {
        this.ws = ws;
        this.recorder = recorder;
    }

    static RecordingClient connect(URI uri) throws Exception {
        return connect(PLAIN, uri);
    }

    static RecordingClient connect(HttpClient http, URI uri) throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(PATIENCE).buildAsync(uri, recorder)
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return new RecordingClient(ws, recorder);
    }

    /** A client that trusts exactly {@code certificate} (and checks the host name against its SAN). */
    static HttpClient trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().connectTimeout(PATIENCE).sslContext(tls).build();
    }

    void send(String text) throws Exception {
        ws.sendText(text, true).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An unsolicited pong: a one-way heartbeat (RFC 6455 §5.5.3) the server does not answer. */
    void sendPong() throws Exception {
        ws.sendPong(ByteBuffer.wrap(new byte[] {'h', 'b'})).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next whole text message. */
    String receive() throws InterruptedException {
        String text = recorder.texts.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("no message within " + PATIENCE.toSeconds() + " s; " + describe());
        }
        return text;
    }

    String echo(String text) throws Exception {
        send(text);
        return receive();
    }

    boolean isOpen() {
        return !recorder.ended.isDone();
    }

    boolean hasEnded() {
        return recorder.ended.isDone();
    }

    /** The server's close code, or -1 while open or when it ended without a close frame. */
    int closeCode() {
        return recorder.closeCode;
    }

    /** Ended by the TCP connection going away: no close code, or 1006, which is never sent on the wire. */
    boolean endedWithoutCloseFrame() {
        return hasEnded() && (recorder.closeCode == -1 || recorder.closeCode == 1006);
    }

    /** When the connection ended, {@link System#nanoTime()} based. */
    long endedAtNanos() {
        return recorder.ended.getNow(Long.MAX_VALUE);
    }

    int pingsReceived() {
        return recorder.pings.get();
    }

    String describe() {
        if (!hasEnded()) {
            return "open, " + pingsReceived() + " ping(s) received";
        }
        return recorder.closeCode >= 0 ? "closed by the server with " + recorder.closeCode
                : "ended without a close frame (" + recorder.error + ")";
    }

    @Override
    public void close() {
        if (isOpen()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
            recorder.ended.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> 0L).join();
        }
        ws.abort();
    }

    private static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Long> ended = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        final StringBuilder partial = new StringBuilder();
        volatile int closeCode = -1;
        volatile Throwable error;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            pings.incrementAndGet();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            ended.complete(System.nanoTime());
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable e) {
            error = e;
            ended.complete(System.nanoTime());
        }
    }
}
