package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * N connections opened at a set rate and then left idle: the capacity scenario's load. They are started on a
 * schedule by {@link ScheduledConnects} (open loop, at most {@link ScheduledConnects#MAX_PENDING} handshakes
 * outstanding), each connect time from {@code connect()} to the end of the opening handshake.
 * The connections stay open until the {@link WsClient} that opened them is closed: it owns them.
 */
public final class IdleConnections {
    /** Outstanding handshakes at most, as the capacity notes state it. */
    public static final int MAX_PENDING = ScheduledConnects.MAX_PENDING;

    private final Queue<ClientConnection> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicReference<String> firstClose = new AtomicReference<>();
    private final AtomicInteger received = new AtomicInteger();
    private final Listener listener = new Listener();
    private ScheduledConnects attempts;

    private IdleConnections() {
    }

    /**
     * Opens {@code count} connections to {@code uri}, spread over {@code sources}, at {@code perSecond} (0: as
     * fast as {@link ScheduledConnects#MAX_PENDING} outstanding handshakes allow), and returns when every attempt
     * has ended.
     */
    public static IdleConnections open(WsClient client, URI uri, int count, int perSecond, SourceAddresses sources)
            throws InterruptedException {
        IdleConnections c = new IdleConnections();
        c.attempts = ScheduledConnects.run(client, uri, count, perSecond, sources, c.listener, c.open::add, false);
        return c;
    }

    public int opened() {
        return open.size();
    }

    public int failed() {
        return attempts.failed();
    }

    /** Why the first failed attempt failed; null when none did. */
    public String firstFailure() {
        return attempts.firstFailure();
    }

    /** From the first connect() to the end of the last attempt. */
    public double seconds() {
        return attempts.seconds();
    }

    /** Connections per second actually achieved over {@link #seconds()}. */
    public double openedPerSecond() {
        return attempts.openedPerSecond();
    }

    /** Connect times in nanoseconds (a copy). */
    public Histogram connectNanos() {
        return attempts.connectNanos();
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
