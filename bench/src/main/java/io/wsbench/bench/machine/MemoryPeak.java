package io.wsbench.bench.machine;

import java.io.IOException;
import java.time.Duration;

/**
 * The highest RSS and Java heap in use of one server JVM while something runs, against their values when it
 * started: what one large message costs the server. Polls on a thread of its own, every {@code period}, because a
 * 50 MiB echo is over in a fraction of a second and {@link ResourceSampler}'s 200 ms would miss its peak. The heap
 * figure is the server's own, read without forcing a GC (that costs a second per read), so it is what was in use,
 * garbage included, at the busiest reading; a collection between two readings can hide part of it.
 */
public final class MemoryPeak {
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
        while (running) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            readOnce();
        }
    }

    private void readOnce() {
        long r = ProcFs.rssBytes(pid).orElse(-1L);
        long h;
        IOException problem = null;
        try {
            h = heap.usedBytes();
        } catch (IOException e) {
            h = -1;
            problem = e;
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
