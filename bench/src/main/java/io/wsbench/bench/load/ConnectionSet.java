package io.wsbench.bench.load;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load's connections to one URI, opened batch by batch (each batch all or nothing) and closed together.
 * Shared by the load shapes (closed-loop echo, open-loop latency, broadcast subscribers) so each only says
 * what its connections do with a message. A connection that closes before {@link #close()} is a
 * {@link #problem()}: under load it means the server (or nginx) dropped it.
 */
public final class ConnectionSet implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Opening handshakes in flight at once: thousands of simultaneous SYNs overflow the server's accept backlog
     * and the kernel retries them a second later, which would measure the backlog, not the server.
     */
    private static final int OPENING_AT_ONCE = 512;

    private final WsClient client;
    private final URI uri;
    private final List<ClientConnection> connections = new ArrayList<>();
    private final Queue<String> unexpectedCloses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closing;

    public ConnectionSet(WsClient client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    /**
     * Opens one connection per listener, {@value #OPENING_AT_ONCE} at a time; the returned connections are in
     * the listeners' order.
     *
     * @throws IOException when a connection of the current batch fails to open (the others of that batch are
     *                     closed again; earlier batches stay open)
     */
    public List<ClientConnection> open(List<? extends ClientListener> listeners)
            throws IOException, InterruptedException {
        List<ClientConnection> opened = new ArrayList<>(listeners.size());
        for (int from = 0; from < listeners.size(); from += OPENING_AT_ONCE) {
            opened.addAll(openBatch(listeners.subList(from, Math.min(listeners.size(), from + OPENING_AT_ONCE))));
        }
        return opened;
    }

    private List<ClientConnection> openBatch(List<? extends ClientListener> listeners)
            throws IOException, InterruptedException {
        List<Watched> watched = listeners.stream().map(Watched::new).toList();
        List<CompletableFuture<ClientConnection>> opening = new ArrayList<>();
        for (Watched w : watched) {
            opening.add(client.connect(uri, null, w));
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            watched.forEach(w -> w.dropped = true);
            long failed = opening.stream().filter(f -> !f.isDone() || f.isCompletedExceptionally()).count();
            opening.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .forEach(f -> f.join().close(CloseCodes.NORMAL, ""));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException(failed + " of " + listeners.size() + " connections to " + uri
                    + " failed to open (" + connections.size() + " already open): " + cause, cause);
        }
        List<ClientConnection> batch = opening.stream().map(CompletableFuture::join).toList();
        open.addAndGet(batch.size());
        synchronized (connections) {
            connections.addAll(batch);
        }
        return batch;
    }

    public int size() {
        synchronized (connections) {
            return connections.size();
        }
    }

    /** Connections closed by the other side so far, or null when none. */
    public String problem() {
        if (unexpectedCloses.isEmpty()) {
            return null;
        }
        return unexpectedCloses.size() + " of " + size() + " connections closed during the run (first: "
                + unexpectedCloses.peek() + ")";
    }

    /** Closes every connection with 1000 and waits briefly for the server's answers. */
    @Override
    public void close() {
        closing = true;
        List<ClientConnection> all;
        synchronized (connections) {
            all = List.copyOf(connections);
        }
        for (ClientConnection c : all) {
            try {
                c.close(CloseCodes.NORMAL, "");
            } catch (RuntimeException e) {
                // already gone: nothing to wait for
            }
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            while (open.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes events on and notes how the connection ended. */
    private final class Watched implements ClientListener {
        private final ClientListener listener;
        /** Opened in a batch that failed: closed again by us, not part of the set. */
        volatile boolean dropped;

        Watched(ClientListener listener) {
            this.listener = listener;
        }

        @Override
        public void onText(ClientConnection c, String text) {
            listener.onText(c, text);
        }

        @Override
        public void onBinary(ClientConnection c, ByteBuffer data) {
            listener.onBinary(c, data);
        }

        @Override
        public void onClose(ClientConnection c, int code, String reason) {
            if (dropped) {
                return;
            }
            // may run before openBatch counted the connection in: the count is right once both happened
            open.decrementAndGet();
            if (!closing) {
                unexpectedCloses.add(code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            }
            listener.onClose(c, code, reason);
        }
    }
}
