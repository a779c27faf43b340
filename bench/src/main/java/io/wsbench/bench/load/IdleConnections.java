package io.wsbench.bench.load;

import io.wsbench.bench.Reasons;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * N connections opened at a set rate and then left idle: the capacity scenario's load. Connection {@code i} is
 * started at {@code i / rate} seconds (open loop, so a slow server does not slow the schedule down), but never
 * more than {@link #MAX_PENDING} handshakes are outstanding at once, so a server that stops answering meets a
 * bounded backlog instead of tens of thousands of SYNs. Each connect time, from {@code connect()} to the end of
 * the opening handshake, goes into an HdrHistogram; failures are counted with the first reason kept.
 * The connections stay open until the {@link WsClient} that opened them is closed: it owns them.
 */
public final class IdleConnections {
    /** Outstanding handshakes; below Linux's default accept backlog (somaxconn 4096). */
    public static final int MAX_PENDING = 1000;
    /** Past the client's own 30 s connect and handshake timeouts: every future has completed by then. */
    private static final Duration SETTLE = Duration.ofSeconds(65);

    private final Queue<ClientConnection> open = new ConcurrentLinkedQueue<>();
    private final Histogram connectNanos = new Histogram(3);
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicReference<String> firstClose = new AtomicReference<>();
    private final AtomicInteger received = new AtomicInteger();
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final Listener listener = new Listener();
    private long elapsedNanos;

    private IdleConnections() {
    }

    /**
     * Opens {@code count} connections to {@code uri}, spread over {@code sources}, at {@code perSecond} (0: as
     * fast as {@link #MAX_PENDING} outstanding handshakes allow), and returns when every attempt has ended.
     */
    public static IdleConnections open(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources)
            throws InterruptedException {
        IdleConnections c = new IdleConnections();
        c.openAll(client, uri, count, perSecond, sources);
        return c;
    }

    private void openAll(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * (1e9 / perSecond));
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            pending.acquire();
            long began = System.nanoTime();
            client.connect(uri, sources.forConnection(i), listener).whenComplete((connection, error) -> {
                long took = System.nanoTime() - began;
                if (error == null) {
                    open.add(connection);
                    synchronized (connectNanos) {
                        connectNanos.recordValue(took);
                    }
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, Reasons.of(error));
                }
                pending.release();
            });
        }
        if (!pending.tryAcquire(MAX_PENDING, SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException((MAX_PENDING - pending.availablePermits()) + " of " + count
                    + " connection attempts had not ended " + SETTLE.toSeconds() + " s after the last one started");
        }
        pending.release(MAX_PENDING);
        elapsedNanos = System.nanoTime() - start;
    }

    public int opened() {
        return open.size();
    }

    public int failed() {
        return failed.get();
    }

    /** Why the first failed attempt failed; null when none did. */
    public String firstFailure() {
        return firstFailure.get();
    }

    /** From the first connect() to the end of the last attempt. */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Connections per second actually achieved over {@link #seconds()}. */
    public double openedPerSecond() {
        return elapsedNanos > 0 ? opened() / seconds() : 0;
    }

    /** Connect times in nanoseconds (a copy). */
    public Histogram connectNanos() {
        synchronized (connectNanos) {
            return connectNanos.copy();
        }
    }

    /** How many of the open connections negotiated permessage-deflate (the server accepted the offer). */
    public int compressed() {
        return (int) open.stream().filter(ClientConnection::compressed).count();
    }

    /**
     * Sends one text message on every open connection ({@code messages} in turn) and waits until as many
     * messages have come back (the server echoes plain text): connections that carried a message hold what a
     * used connection holds (buffers, a deflate window) instead of what a fresh one does.
     *
     * @throws IOException when not every echo came back within {@code patience}
     */
    public void exchangeOne(List<String> messages, Duration patience) throws IOException, InterruptedException {
        int expected = received.get();
        int i = 0;
        for (ClientConnection c : open) {
            c.sendText(messages.get(i++ % messages.size()));
            expected++;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (received.get() < expected) {
            throw new IOException((expected - received.get()) + " of " + i + " messages were not echoed within "
                    + patience.toSeconds() + " s");
        }
    }

    /** Connections that ended after they opened, while they should have stayed idle. */
    public int closedSinceOpen() {
        return closed.get();
    }

    /** The first such end: close code and reason; null when none. */
    public String firstClose() {
        return firstClose.get();
    }

    /** Idle means nothing to do: a message is counted (see {@link #exchangeOne}), an end too. */
    private final class Listener implements ClientListener {
        @Override
        public void onText(ClientConnection connection, String text) {
            received.incrementAndGet();
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            closed.incrementAndGet();
            firstClose.compareAndSet(null, code + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }
    }
}
