package io.wsbench.bench.machine;

import java.io.IOException;
import java.time.Duration;

/**
 * The highest RSS and Java heap in use of one server JVM while something runs, against their values when it
 * started: what one large message costs the server. Polls on a thread of its own: RSS (a /proc read in this JVM,
 * free for the server) every {@code period}, because an echo is over in a fraction of a second and
 * {@link ResourceSampler}'s 200 ms would miss its peak; the heap only every {@link #HEAP_EVERY}th time and once more
 * at the end, because it is read from the server's /metrics, which costs the server CPU it shares with the echo.
 * The heap figure is read without forcing a GC (that takes a second per read), so it is what was in use, garbage
 * included, at the busiest reading; a collection between two readings can hide part of it.
 */
public final class MemoryPeak {
    /** Every how many RSS readings the heap is read too. */
    static final int HEAP_EVERY = 5;

    private final long pid;
    private final HeapReading heap;
    private final long periodMillis;
    private final Thread thread;
    private final long rssStart;
    private final long heapStart;
    private volatile boolean running = true;
    private long rssMax;
    private long heapMax;
    private IOException heapProblem;

    /** How the heap in use is read, e.g. from the server's /metrics. */
    @FunctionalInterface
    public interface HeapReading {
        long usedBytes() throws IOException;
    }

    /** The figures of one watched stretch; heap figures are -1 when the heap could not be read. */
    public record Peak(long rssStartBytes, long rssMaxBytes, long heapStartBytes, long heapMaxBytes) {

        public long rssGrowthBytes() {
            return Math.max(0, rssMaxBytes - rssStartBytes);
        }

        public boolean hasHeap() {
            return heapStartBytes >= 0 && heapMaxBytes >= 0;
        }

        public long heapGrowthBytes() {
            return Math.max(0, heapMaxBytes - heapStartBytes);
        }
    }

    private MemoryPeak(long pid, HeapReading heap, Duration period) throws IOException {
        this.pid = pid;
        this.heap = heap;
        this.periodMillis = Math.max(1, period.toMillis());
        this.rssStart = rss();
        this.heapStart = heapOrMinusOne();
        this.rssMax = rssStart;
        this.heapMax = heapStart;
        this.thread = new Thread(this::loop, "wsbench-memory-peak");
        this.thread.setDaemon(true);
    }

    /**
     * Takes the starting readings, then polls until {@link #stop()}.
     *
     * @throws IOException when the process's RSS cannot be read (it is not running, or there is no /proc)
     */
    public static MemoryPeak start(long pid, HeapReading heap, Duration period) throws IOException {
        MemoryPeak peak = new MemoryPeak(pid, heap, period);
        peak.thread.start();
        return peak;
    }

    /** A last reading, then the figures. */
    public Peak stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readOnce();
        synchronized (this) {
            boolean heapRead = heapStart >= 0 && heapProblem == null;
            return new Peak(rssStart, rssMax, heapRead ? heapStart : -1, heapRead ? heapMax : -1);
        }
    }

    private void loop() {
        for (int n = 1; running; n++) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            read(n % HEAP_EVERY == 0);
        }
    }

    private void readOnce() {
        read(true);
    }

    private void read(boolean withHeap) {
        long r = ProcFs.rssBytes(pid).orElse(-1L);
        long h = -1;
        IOException problem = null;
        if (withHeap) {
            try {
                h = heap.usedBytes();
            } catch (IOException e) {
                problem = e;
            }
        }
        synchronized (this) {
            rssMax = Math.max(rssMax, r);
            heapMax = Math.max(heapMax, h);
            if (problem != null && heapProblem == null && running) {
                heapProblem = problem;
            }
        }
    }

    private long rss() throws IOException {
        return ProcFs.rssBytes(pid).orElseThrow(() -> new IOException("cannot read the RSS of pid " + pid));
    }

    private long heapOrMinusOne() {
        try {
            return heap.usedBytes();
        } catch (IOException e) {
            return -1;
        }
    }
}
