package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One connection that sends a message and waits for what comes back: the bench's verify-before-measure probe. */
public final class ProbeConnection implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ClientConnection connection;
    private final Inbox inbox;

    private ProbeConnection(ClientConnection connection, Inbox inbox) {
        this.connection = connection;
        this.inbox = inbox;
    }

    public static ProbeConnection open(WsClient client, URI uri) throws IOException, InterruptedException {
        Inbox inbox = new Inbox();
        return new ProbeConnection(Connect.within(client, uri, inbox, PATIENCE), inbox);
    }

    /** Sends {@code text} and fails unless the same text comes back. */
    public void expectTextEcho(String text, String what) throws IOException, InterruptedException {
        connection.sendText(text);
        Object reply = next(what);
        if (!(reply instanceof String s) || !s.equals(text)) {
            throw new IOException(what + ": sent " + describe(text) + ", got " + describe(reply));
        }
    }

    /** Sends {@code data} as binary and fails unless the same bytes come back as binary. */
    public void expectBinaryEcho(byte[] data, String what) throws IOException, InterruptedException {
        connection.sendBinary(ByteBuffer.wrap(data));
        Object reply = next(what);
        if (!(reply instanceof byte[] b) || !java.util.Arrays.equals(b, data)) {
            throw new IOException(what + ": sent " + data.length + " binary bytes, got " + describe(reply));
        }
    }

    /** Sends {@code text} and fails unless the server closes the connection with {@code code}. */
    public void expectCloseAfter(String text, int code, String what) throws IOException, InterruptedException {
        connection.sendText(text);
        try {
            int got = inbox.closed.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (got != code) {
                throw new IOException(what + ": expected close " + code + ", got " + got);
            }
        } catch (ExecutionException e) {
            throw new IOException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(what + ": no close " + code + " within " + PATIENCE.toSeconds() + " s; "
                    + describe(inbox.messages.poll()));
        }
    }

    @Override
    public void close() {
        if (!inbox.closed.isDone()) {
            connection.close(1000, "");
        }
    }

    private Object next(String what) throws IOException, InterruptedException {
        Object reply = inbox.messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new IOException(what + ": no reply within " + PATIENCE.toSeconds() + " s"
                    + (inbox.closed.isDone() ? " (closed with " + inbox.closed.join() + ")" : ""));
        }
        return reply;
    }

    private static String describe(Object message) {
        if (message == null) {
            return "nothing";
        }
        if (message instanceof byte[] b) {
            return b.length + " binary bytes";
        }
        String s = (String) message;
        return s.length() <= 40 ? "'" + s + "'" : s.length() + " chars of text";
    }

    private static final class Inbox implements ClientListener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onText(ClientConnection connection, String text) {
            messages.add(text);
        }

        @Override
        public void onBinary(ClientConnection connection, ByteBuffer data) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            messages.add(copy);
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            closed.complete(code);
        }
    }
}
