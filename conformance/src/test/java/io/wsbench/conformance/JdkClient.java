package io.wsbench.conformance;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A correct client for the normal paths: the JDK's own {@link WebSocket}, which masks, answers pings and closes
 * by the book. Received messages queue up whole; {@link #closed()} completes with the server's close code (or
 * {@link Close#NONE} when the connection died without one).
 */
final class JdkClient implements AutoCloseable {
    /**
     * One client for the whole run: JDK 17's HttpClient cannot be closed, so one per case would leave a selector
     * thread behind each time.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(ScaledConfig.EVENTUALLY).build();

    private final WebSocket ws;
    private final Receiver receiver;

    private JdkClient(WebSocket ws, Receiver receiver) {
        this.ws = ws;
        this.receiver = receiver;
    }

    static URI uri(ServerUnderTest server) {
        String scheme = server.config().tls() ? "wss" : "ws";
        return URI.create(scheme + "://127.0.0.1:" + server.port() + server.config().path());
    }

    static JdkClient connect(ServerUnderTest server) throws Exception {
        return connectAsync(HTTP, uri(server)).get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    static CompletableFuture<JdkClient> connectAsync(HttpClient http, URI uri) {
        Receiver receiver = new Receiver();
        return http.newWebSocketBuilder()
                .connectTimeout(ScaledConfig.EVENTUALLY)
                .buildAsync(uri, receiver)
                .thenApply(ws -> new JdkClient(ws, receiver));
    }

    void sendText(String text) throws Exception {
        ws.sendText(text, true).get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(data), true).get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendClose(int code) throws Exception {
        ws.sendClose(code, "").get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    String nextText() throws InterruptedException {
        Object m = next(ScaledConfig.EVENTUALLY);
        if (!(m instanceof String text)) {
            throw new AssertionError("expected a text message, got a binary one");
        }
        return text;
    }

    byte[] nextBinary() throws InterruptedException {
        Object m = next(ScaledConfig.EVENTUALLY);
        if (!(m instanceof byte[] data)) {
            throw new AssertionError("expected a binary message, got text: " + abbreviate((String) m));
        }
        return data;
    }

    /** Completes with the server's close code, or {@link Close#NONE} if the connection failed without one. */
    CompletableFuture<Integer> closed() {
        return receiver.closed;
    }

    int awaitCloseCode() throws Exception {
        return closed().get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the connection without a closing handshake: cleanup after a case, whatever state it left. */
    @Override
    public void close() {
        ws.abort();
    }

    private Object next(Duration wait) throws InterruptedException {
        Object m = receiver.messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            String state = receiver.closed.isDone() ? "the connection closed with " + receiver.closed.join()
                    : "the connection is still open";
            throw new AssertionError("no message within " + wait.toSeconds() + " s (" + state + ")");
        }
        return m;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "... (" + s.length() + " chars)";
    }

    /** Joins partial messages and keeps asking for more, so pings keep being answered while idle. */
    private static final class Receiver implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary = new ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(Close.NONE);
        }
    }
}
