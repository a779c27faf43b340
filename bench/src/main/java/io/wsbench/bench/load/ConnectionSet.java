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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
     * Opening handshakes in flight at once. Thousands of simultaneous SYNs overflow a server's accept backlog
     * and the kernel retries them one, three, seven seconds later, which measures the backlog, not the server:
     * Java-WebSocket's is Java's default of 50 unless set ({@code WebSocketServer.setMaxPendingConnections}),
     * so this stays below it.
     */
    private static final int OPENING_AT_ONCE = 48;

    private final WsClient client;
    private final URI uri;
    private final List<ClientConnection> connections = new ArrayList<>();
    private final Queue<String> unexpectedCloses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Connections {@link #close(List)} is closing on purpose: their ends are not a problem. */
    private final Set<ClientConnection> leaving = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public ConnectionSet(WsClient client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    /**
     * Opens one connection per listener, at most {@value #OPENING_AT_ONCE} handshakes in flight at a time (the
     * next starts as soon as one completes); all or nothing. The returned connections are in the listeners'
     * order.
     *
     * @throws IOException when a connection fails to open (those this call opened are closed again; earlier
     *                     calls' stay open)
     */
    public List<ClientConnection> open(List<? extends ClientListener> listeners)
            throws IOException, InterruptedException {
        List<Watched> watched = listeners.stream().map(Watched::new).toList();
        List<CompletableFuture<ClientConnection>> opening = new ArrayList<>();
        Semaphore inFlight = new Semaphore(OPENING_AT_ONCE);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Throwable failure = null;
        for (Watched w : watched) {
            if (!inFlight.tryAcquire(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                failure = new TimeoutException("no handshake completed for " + CONNECT_TIMEOUT.toSeconds() + " s");
                break;
            }
            CompletableFuture<ClientConnection> f = client.connect(uri, null, w);
            f.whenComplete((c, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
                inFlight.release();
            });
            opening.add(f);
            if (failed.get() != null) {
                break; // no point opening the rest: the call fails
            }
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                    .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (TimeoutException e) {
            failure = new TimeoutException("handshakes still pending after " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        if (failure == null && opening.size() == listeners.size()) {
            List<ClientConnection> opened = opening.stream().map(CompletableFuture::join).toList();
            open.addAndGet(opened.size());
            synchronized (connections) {
                connections.addAll(opened);
            }
            return opened;
        }
        watched.forEach(w -> w.dropped = true);
        // handshakes still in flight complete on their own and are ended when the client closes
        List<ClientConnection> opened = opening.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
        opened.forEach(c -> c.close(CloseCodes.NORMAL, ""));
        throw new IOException("only " + opened.size() + " of " + listeners.size() + " connections to " + uri
                + " opened (" + size() + " were open before): " + failure, failure);
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

    /**
     * Closes some of the set's connections with 1000 (the rest stay open, the set smaller) and waits briefly for
     * the server's answers; their ends are not a {@link #problem()}.
     */
    public void close(List<ClientConnection> some) {
        leaving.addAll(some);
        int stayOpen;
        synchronized (connections) {
            connections.removeAll(leaving);
            stayOpen = connections.size();
        }
        closeAndWait(some, stayOpen);
    }

    /** Closes every connection with 1000 and waits briefly for the server's answers. */
    @Override
    public void close() {
        closing = true;
        List<ClientConnection> all;
        synchronized (connections) {
            all = List.copyOf(connections);
        }
        closeAndWait(all, 0);
    }

    private void closeAndWait(List<ClientConnection> closing, int stayOpen) {
        for (ClientConnection c : closing) {
            try {
                c.close(CloseCodes.NORMAL, "");
            } catch (RuntimeException e) {
                // already gone: nothing to wait for
            }
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            while (open.get() > stayOpen && System.nanoTime() < deadline) {
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
            // may run before open() counted the connection in: the count is right once both happened
            open.decrementAndGet();
            if (!closing && !leaving.contains(c)) {
                unexpectedCloses.add(code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            }
            listener.onClose(c, code, reason);
        }
    }
}
