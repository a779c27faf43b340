package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Open-loop echo at a fixed offered rate over C connections, corrected for coordinated omission (wrk2's rule):
 * message k has an intended send time {@code start + k / rate} on a fixed schedule and goes to connection
 * {@code k mod C}, whether or not earlier echoes are back. Its latency is measured from that intended time, so
 * when the server (or this client) stalls, every message that should have gone out meanwhile is counted as
 * late, instead of the stall delaying the sends and hiding itself.
 *
 * <p>Each message carries its intended time (relative to this load's origin, 19 digits) as its first
 * characters, padded to the requested size; the echo hands it back, so nothing is kept per message on the
 * client. The pacer is the calling thread: it parks until the next message is due and then sends every
 * message that is due (catching up in a burst when it woke late, as the schedule demands).
 */
public final class FixedRateLoad implements AutoCloseable {
    private static final int STAMP_DIGITS = 19;

    private final ConnectionSet connections;
    private final List<ClientConnection> opened = new ArrayList<>();
    private final String filler;
    private final int bytes;
    private final long origin = System.nanoTime();
    private final Recorder recorder = new Recorder(3);
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder echoed = new LongAdder();
    private final LongAdder arrivalsInWindow = new LongAdder();
    private final AtomicLong mismatches = new AtomicLong();
    /** The window, relative to {@link #origin}: messages intended in it are recorded. */
    private volatile long windowFrom = Long.MAX_VALUE;
    private volatile long windowTo = Long.MAX_VALUE;

    private FixedRateLoad(WsClient client, URI uri, int bytes) {
        if (bytes < STAMP_DIGITS) {
            throw new IllegalArgumentException("a message carries a " + STAMP_DIGITS + "-digit stamp: " + bytes);
        }
        this.connections = new ConnectionSet(client, uri);
        this.bytes = bytes;
        this.filler = EchoLoad.text(bytes - STAMP_DIGITS);
    }

    /** Opens {@code count} connections to {@code uri} that will send text messages of exactly {@code bytes}. */
    public static FixedRateLoad open(WsClient client, URI uri, int count, int bytes)
            throws IOException, InterruptedException {
        FixedRateLoad load = new FixedRateLoad(client, uri, bytes);
        List<Echoes> listeners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            listeners.add(load.new Echoes());
        }
        load.opened.addAll(load.connections.open(listeners));
        return load;
    }

    public int size() {
        return opened.size();
    }

    /**
     * Runs the schedule at {@code rate} messages per second (all connections together) for {@code warmUp} plus
     * {@code measure}, on the calling thread, then waits up to {@code drain} for the last echoes.
     *
     * @return the measure part: messages intended in it, and echoes that arrived during it
     * @throws IOException when echoes do not come back, come back changed, or a connection closes
     */
    public FixedRateWindow run(double rate, Duration warmUp, Duration measure, Duration drain)
            throws IOException, InterruptedException {
        recorder.reset();
        arrivalsInWindow.reset();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        windowFrom = measureFrom - origin;
        windowTo = end - origin;
        long total = (long) Math.floor(rate * (end - start) / 1e9);
        long k = 0;
        long maxSendLag = 0;
        while (k < total) {
            long now = System.nanoTime();
            long due = intended(start, k, rate);
            if (now < due) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            for (; k < total && intended(start, k, rate) <= now; k++) {
                long at = intended(start, k, rate);
                if (at >= measureFrom) {
                    maxSendLag = Math.max(maxSendLag, System.nanoTime() - at);
                }
                send(k, at);
            }
            String problem = problem();
            if (problem != null) {
                throw new IOException(problem);
            }
        }
        // Arrivals are counted for the window by arrival time, so wait out the window before the drain.
        long late = end - System.nanoTime();
        if (late > 0) {
            LockSupport.parkNanos(late);
        }
        awaitEchoes(drain);
        return new FixedRateWindow(recorder.getIntervalHistogram(), measure.toNanos() / 1e9, rate,
                arrivalsInWindow.sum(), maxSendLag);
    }

    private static long intended(long start, long k, double rate) {
        return start + (long) (k * 1e9 / rate);
    }

    private void send(long k, long intendedAt) {
        String stamp = Long.toString(intendedAt - origin);
        StringBuilder text = new StringBuilder(bytes);
        for (int i = stamp.length(); i < STAMP_DIGITS; i++) {
            text.append('0');
        }
        text.append(stamp).append(filler);
        sent.incrementAndGet();
        opened.get((int) (k % opened.size())).sendText(text.toString());
    }

    private void awaitEchoes(Duration drain) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (echoed.sum() < sent.get() && System.nanoTime() < deadline && problem() == null) {
            Thread.sleep(5);
        }
        String problem = problem();
        if (problem != null) {
            throw new IOException(problem);
        }
        long missing = sent.get() - echoed.sum();
        if (missing > 0) {
            throw new IOException(missing + " of " + sent.get() + " echoes did not come back within "
                    + drain.toMillis() + " ms of the end of the schedule");
        }
    }

    /** Connections closed under load, or echoes that were not the message sent; null when none. */
    public String problem() {
        String closed = connections.problem();
        if (closed != null) {
            return closed;
        }
        return mismatches.get() > 0 ? mismatches.get() + " echoes did not match the message sent" : null;
    }

    @Override
    public void close() {
        connections.close();
    }

    /** One connection's receiving side: reads the stamp back and records from the intended time. */
    private final class Echoes implements ClientListener {

        @Override
        public void onText(ClientConnection c, String text) {
            long now = System.nanoTime();
            long intendedAt = stamp(text);
            if (intendedAt < 0 || text.length() != bytes) {
                mismatches.incrementAndGet();
            } else if (intendedAt >= windowFrom && intendedAt < windowTo) {
                recorder.recordValue(now - origin - intendedAt);
            }
            long at = now - origin;
            if (at >= windowFrom && at < windowTo) {
                arrivalsInWindow.increment();
            }
            echoed.increment();
        }

        /** The intended time the message carries, or -1 when it does not start with one. */
        private long stamp(String text) {
            if (text.length() < STAMP_DIGITS) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < STAMP_DIGITS; i++) {
                char ch = text.charAt(i);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }
    }
}
