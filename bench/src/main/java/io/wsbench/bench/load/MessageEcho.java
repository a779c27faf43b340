package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection that sends one large message at a time and waits for what happens to it: the echo (compared
 * with what was sent, byte for byte), the connection's end (with the close code: 1009 from the server, 1006 when
 * the TCP connection was cut without one), or nothing. The message-size scenario's probe: unlike
 * {@link ProbeConnection} it does not fail on the unexpected, it says what came, because what came is the figure.
 */
public final class MessageEcho implements AutoCloseable {
    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(10);

    private final ClientConnection connection;
    private final Listener listener;

    private MessageEcho(ClientConnection connection, Listener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    public static MessageEcho open(WsClient client, URI uri) throws IOException, InterruptedException {
        Listener listener = new Listener();
        return new MessageEcho(Connect.within(client, uri, listener, CONNECT_PATIENCE), listener);
    }

    /** Whether the connection has not ended: a closed one cannot carry the next message. */
    public boolean isOpen() {
        return !listener.closed.isDone();
    }

    /**
     * Sends {@code message} and waits up to {@code patience} for its echo or the end of the connection. The round
     * trip is from just before the send to the moment the whole reply was handed to the listener.
     */
    public Outcome echo(LargeMessage message, Duration patience) throws InterruptedException {
        if (!isOpen()) {
            Closed c = listener.closed.join();
            return Outcome.closed(c.code(), c.reason());
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        listener.pending = reply;
        long start = System.nanoTime();
        message.sendOn(connection);
        try {
            Object first = CompletableFuture.anyOf(reply, listener.closed)
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (first instanceof Closed c) {
                return Outcome.closed(c.code(), c.reason());
            }
            Reply r = (Reply) first;
            long nanos = r.arrivedNanos() - start;
            return message.matches(r.message()) ? Outcome.intact(nanos)
                    : Outcome.different(nanos, "sent " + message.describe() + ", got " + LargeMessage.describe(r.message()));
        } catch (ExecutionException e) {
            return Outcome.silent("the client failed: " + e.getCause());
        } catch (TimeoutException e) {
            return Outcome.silent("neither an echo nor a close within " + patience.toSeconds() + " s");
        } finally {
            listener.pending = null;
        }
    }

    @Override
    public void close() {
        if (isOpen()) {
            connection.close(1000, "");
        }
    }

    /** What became of one message. */
    public enum Kind {
        /** The same bytes came back, as the same frame type. */
        INTACT,
        /** Something came back, but not the message. */
        DIFFERENT,
        /** The connection ended instead: {@link Outcome#closeCode()} says how. */
        CLOSED,
        /** Nothing came back and the connection stayed open. */
        SILENT
    }

    /**
     * @param roundTripNanos for INTACT and DIFFERENT; 0 otherwise
     * @param closeCode      for CLOSED; 0 otherwise
     * @param detail         the close reason, what differed, or why nothing came
     */
    public record Outcome(Kind kind, long roundTripNanos, int closeCode, String detail) {

        static Outcome intact(long nanos) {
            return new Outcome(Kind.INTACT, nanos, 0, "");
        }

        static Outcome different(long nanos, String what) {
            return new Outcome(Kind.DIFFERENT, nanos, 0, what);
        }

        static Outcome closed(int code, String reason) {
            return new Outcome(Kind.CLOSED, 0, code, reason == null ? "" : reason);
        }

        static Outcome silent(String why) {
            return new Outcome(Kind.SILENT, 0, 0, why);
        }

        public boolean intact() {
            return kind == Kind.INTACT;
        }

        public String describe() {
            return switch (kind) {
                case INTACT -> "echoed intact";
                case DIFFERENT -> "echoed, but different: " + detail;
                case CLOSED -> "closed with " + closeCode + (detail.isEmpty() ? "" : " (" + detail + ")");
                case SILENT -> detail;
            };
        }
    }

    private record Reply(Object message, long arrivedNanos) {
    }

    private record Closed(int code, String reason) {
    }

    /** Called on the client's I/O thread: takes the timestamp and hands the reply over, nothing more. */
    private static final class Listener implements ClientListener {
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        volatile CompletableFuture<Reply> pending;

        @Override
        public void onText(ClientConnection connection, String text) {
            deliver(text);
        }

        @Override
        public void onBinary(ClientConnection connection, ByteBuffer data) {
            long now = System.nanoTime();
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            CompletableFuture<Reply> p = pending;
            if (p != null) {
                p.complete(new Reply(copy, now));
            }
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            closed.complete(new Closed(code, reason));
        }

        private void deliver(Object message) {
            CompletableFuture<Reply> p = pending;
            if (p != null) {
                p.complete(new Reply(message, System.nanoTime()));
            }
        }
    }
}
