package io.wsbench.bench.load;

import io.wsbench.bench.Reasons;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Connection attempts started on a schedule, open loop: attempt {@code i} is due at {@code i / rate} seconds
 * whatever the server does, but never more than {@link #MAX_PENDING} handshakes are outstanding at once, so a
 * server that stops answering meets a bounded backlog instead of tens of thousands of SYNs. Each connect time
 * goes into an HdrHistogram; failures are counted with the first reason kept. What happens to a connection once
 * open is the caller's: capacity keeps it ({@link IdleConnections}), the connect-rate ramp closes it at once.
 */
public final class ScheduledConnects {
    /** Outstanding handshakes; below Linux's default accept backlog (somaxconn 4096). */
    public static final int MAX_PENDING = 1000;
    /** Past the client's own 30 s connect and handshake timeouts: every future has completed by then. */
    private static final Duration SETTLE = Duration.ofSeconds(65);

    private final Histogram connectNanos = new Histogram(3);
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private long elapsedNanos;
    /** When the first and the last handshake completed (System.nanoTime); guarded by connectNanos. */
    private long firstDone = Long.MAX_VALUE;
    private long lastDone = Long.MIN_VALUE;

    private ScheduledConnects() {
    }

    /**
     * Starts {@code count} connections to {@code uri}, spread over {@code sources}, at {@code perSecond} (0: as
     * fast as {@link #MAX_PENDING} outstanding handshakes allow), hands each that opens to {@code onOpen}, and
     * returns when every attempt has ended.
     *
     * @param fromSchedule connect times count from when the attempt was due (wrk2's rule for an open-loop load:
     *                     a server that falls behind the schedule shows it in the times), else from when it started
     */
    public static ScheduledConnects run(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources,
                                        ClientListener listener, Consumer<ClientConnection> onOpen,
                                        boolean fromSchedule) throws InterruptedException {
        return run(client, uri, count, perSecond, sources, listener, onOpen, fromSchedule, SETTLE);
    }

    /**
     * As {@link #run(WsClient, URI, int, int, SourceAddresses, ClientListener, Consumer, boolean)}, waiting up to
     * {@code settle} after the last attempt started for the outstanding ones: behind a saturated server, handshakes
     * can wait in the accept queue for longer than the client's own timeouts run.
     */
    public static ScheduledConnects run(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources,
                                        ClientListener listener, Consumer<ClientConnection> onOpen,
                                        boolean fromSchedule, Duration settle) throws InterruptedException {
        ScheduledConnects c = new ScheduledConnects();
        c.start(client, uri, count, perSecond, sources, listener, onOpen, fromSchedule, settle);
        return c;
    }

    private void start(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources,
                       ClientListener listener, Consumer<ClientConnection> onOpen, boolean fromSchedule,
                       Duration settle) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start;
            if (perSecond > 0) {
                due = start + (long) (i * (1e9 / perSecond));
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            pending.acquire();
            long began = fromSchedule && perSecond > 0 ? due : System.nanoTime();
            client.connect(uri, sources.forConnection(i), listener).whenComplete((connection, error) -> {
                long done = System.nanoTime();
                if (error == null) {
                    opened.incrementAndGet();
                    synchronized (connectNanos) {
                        connectNanos.recordValue(done - began);
                        firstDone = Math.min(firstDone, done);
                        lastDone = Math.max(lastDone, done);
                    }
                    onOpen.accept(connection);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, Reasons.of(error));
                }
                pending.release();
            });
        }
        if (!pending.tryAcquire(MAX_PENDING, settle.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException((MAX_PENDING - pending.availablePermits()) + " of " + count
                    + " connection attempts had not ended " + settle.toSeconds() + " s after the last one started");
        }
        pending.release(MAX_PENDING);
        elapsedNanos = System.nanoTime() - start;
    }

    /** Attempts whose handshake completed. */
    public int opened() {
        return opened.get();
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

    /** Connections per second actually opened over {@link #seconds()}. */
    public double openedPerSecond() {
        return elapsedNanos > 0 ? opened() / seconds() : 0;
    }

    /**
     * Handshakes completed per second from the first completion to the last: the rate the server kept up,
     * without the one connect time at the start that {@link #openedPerSecond()} counts, which in a short window
     * at a low rate is a large share of it. 0 with fewer than two.
     */
    public double completedPerSecond() {
        synchronized (connectNanos) {
            long span = lastDone - firstDone;
            return opened() < 2 || span <= 0 ? 0 : (opened() - 1) / (span / 1e9);
        }
    }

    /** Connect times in nanoseconds (a copy). */
    public Histogram connectNanos() {
        synchronized (connectNanos) {
            return connectNanos.copy();
        }
    }
}
