package io.wsbench.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one broadcast reached its subscribers: how many got it, when the first and the last one did (from the
 * send), and whether the sender got its {@code broadcastResult}.
 */
public final class BroadcastDelivery {
    private final int expected;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    /** One count per subscriber, one for the sender's result. */
    private final CountDownLatch done;
    private volatile boolean result;
    private long sentAt;

    BroadcastDelivery(int expected) {
        this.expected = expected;
        this.done = new CountDownLatch(expected + 1);
    }

    void sentAt(long nanos) {
        sentAt = nanos;
    }

    void received(long nanos) {
        received.incrementAndGet();
        first.accumulateAndGet(nanos, Math::min);
        last.accumulateAndGet(nanos, Math::max);
        done.countDown();
    }

    void resultReceived() {
        if (!result) {
            result = true;
            done.countDown();
        }
    }

    void await(long time, TimeUnit unit) throws InterruptedException {
        done.await(time, unit);
    }

    /** Subscribers that had not received it when {@link BroadcastLoad#broadcast} stopped waiting. */
    public int missing() {
        return expected - received.get();
    }

    public boolean resultArrived() {
        return result;
    }

    /** Whether every subscriber got it and the sender got its result. */
    public boolean complete() {
        return missing() == 0 && result;
    }

    /** Milliseconds from the send to the first subscriber's receipt (NaN when none got it). */
    public double firstMillis() {
        long f = first.get();
        return f == Long.MAX_VALUE ? Double.NaN : (f - sentAt) / 1e6;
    }

    /** Milliseconds from the send to the last subscriber's receipt (NaN when none got it). */
    public double lastMillis() {
        long l = last.get();
        return l == Long.MIN_VALUE ? Double.NaN : (l - sentAt) / 1e6;
    }
}
