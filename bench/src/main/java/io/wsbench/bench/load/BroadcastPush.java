package io.wsbench.bench.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server pushing to every client at a set rate, as an application's notifications would: one
 * {@code {"type":"broadcast"}} command of a set size per period from a sender connection that reads everything
 * it is sent (its own copies included), so the sender is never the slow one. The commands are sent without
 * waiting for anything (open loop), so a slow server does not slow the offered rate; the admin {@code /notify}
 * was tried first and gave a fraction of the rate, one HTTP round trip per message on a busy CPU.
 */
public final class BroadcastPush implements AutoCloseable {
    /** What the hub wraps around a payload, so the per-client message size can be stated. */
    private static final String PREFIX = "{\"type\":\"broadcast\",\"payload\":\"";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wsbench-broadcast-push");
        t.setDaemon(true);
        return t;
    });
    private final MisbehavingPeer sender;
    private final String command;
    private final int messageBytes;
    private final AtomicLong sent = new AtomicLong();
    private volatile long startNanos;
    private volatile long stopNanos;

    private BroadcastPush(MisbehavingPeer sender, int payloadBytes) {
        this.sender = sender;
        this.command = PREFIX + "x".repeat(payloadBytes) + "\"}";
        this.messageBytes = command.length(); // what each client gets: the same envelope around the payload
    }

    /** Starts broadcasting a {@code payloadBytes} payload through {@code sender} every {@code period}. */
    public static BroadcastPush start(MisbehavingPeer sender, int payloadBytes, Duration period) {
        BroadcastPush p = new BroadcastPush(sender, payloadBytes);
        p.startNanos = System.nanoTime();
        p.timer.scheduleAtFixedRate(p::sendOne, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return p;
    }

    private void sendOne() {
        sender.sendText(command);
        sent.incrementAndGet();
    }

    /** When the push started ({@link System#nanoTime()}). */
    public long startNanos() {
        return startNanos;
    }

    /** Messages sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Bytes offered to each client per second, from the start to the stop (or now). */
    public double bytesPerSecond() {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        return sent.get() * (double) messageBytes / ((end - startNanos) / 1e9);
    }

    /** Bytes offered to each client in the first {@code nanos} after the start. */
    public double bytesWithin(long nanos) {
        return bytesPerSecond() * nanos / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        stopNanos = System.nanoTime();
    }
}
