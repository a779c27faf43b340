package io.wsbench.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The round-trip times of a closed loop: one HdrHistogram {@link Recorder} per group of connections (so
 * connections on different threads rarely share one), and {@link #cut()} for an interval snapshot of all of them,
 * so a window's percentiles come from every reply in it. Shared by the WebSocket echo and the raw TCP ceiling.
 */
public final class RoundTrips {
    private static final int GROUPS = 4;

    private final Recorder[] recorders;
    private final LongAdder sinceCut = new LongAdder();
    private long lastCutNanos = System.nanoTime();

    public RoundTrips(int connections) {
        recorders = new Recorder[Math.min(GROUPS, Math.max(1, connections))];
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new Recorder(3);
        }
    }

    /** The recorder connection number {@code index} records into. */
    public Recorder recorderFor(int index) {
        return recorders[index % recorders.length];
    }

    /** One round trip of {@code nanos}, recorded into {@code recorder} (from {@link #recorderFor}). */
    public void record(Recorder recorder, long nanos) {
        recorder.recordValue(nanos);
        sinceCut.increment();
    }

    /** The round trips completed since the previous cut. */
    public EchoWindow cut() {
        long now = System.nanoTime();
        Histogram all = new Histogram(3);
        for (Recorder r : recorders) {
            all.add(r.getIntervalHistogram());
        }
        double seconds = (now - lastCutNanos) / 1e9;
        lastCutNanos = now;
        sinceCut.reset();
        return new EchoWindow(all, seconds);
    }

    /** Round trips since the last cut, read without cutting (approximate while replies arrive). */
    public long sinceCut() {
        return sinceCut.sum();
    }
}
