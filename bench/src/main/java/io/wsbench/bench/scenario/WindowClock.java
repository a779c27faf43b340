package io.wsbench.bench.scenario;

import io.wsbench.bench.result.WarmUp;
import io.wsbench.bench.result.Window;
import java.util.concurrent.atomic.AtomicInteger;

/** Numbers the run's measured windows in the order they are recorded and stamps each with the run's clock. */
public final class WindowClock {
    private final long start = System.nanoTime();
    private final AtomicInteger next = new AtomicInteger();

    /** The next window, recorded now. */
    public Window next(WarmUp warmUp) {
        return new Window(next.getAndIncrement(), Math.round((System.nanoTime() - start) / 1e7) / 100.0, warmUp);
    }

    /** Seconds since the run started. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
