package io.wsbench.bench.load;

import io.wsbench.topology.MetricsSnapshot;
import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server's {@code /metrics}, read every few milliseconds on a thread of its own while something happens that
 * only the server can see: a slow consumer does not read, so it cannot learn when the server gave up on it; the
 * server's open-connection count can. Each drop of {@code wsbench_connections_active} is one close, timed to
 * the reading that first showed it (so to within one period, plus the time /metrics takes to answer).
 */
public final class ServerMetricsTrail implements AutoCloseable {
    public static final String ACTIVE = "wsbench_connections_active";
    public static final String SLOW_CONSUMER_CLOSES = "wsbench_slow_consumer_closes_total";
    public static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"}";
    private static final String CLOSED_PREFIX = "wsbench_connections_closed_total{code=\"";

    private final ServerReplica replica;
    private final long periodMillis;
    private final List<Reading> readings = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String problem;

    private record Reading(long nanos, MetricsSnapshot metrics) {
    }

    private ServerMetricsTrail(ServerReplica replica, long periodMillis) {
        this.replica = replica;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "wsbench-metrics-trail");
        this.thread.setDaemon(true);
    }

    /** Takes a first reading now, then one every {@code periodMillis} until {@link #close()}. */
    public static ServerMetricsTrail start(ServerReplica replica, long periodMillis) throws IOException {
        ServerMetricsTrail t = new ServerMetricsTrail(replica, periodMillis);
        t.readings.add(new Reading(System.nanoTime(), replica.metrics()));
        t.thread.start();
        return t;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(periodMillis);
                MetricsSnapshot m = replica.metrics();
                long now = System.nanoTime();
                synchronized (readings) {
                    readings.add(new Reading(now, m));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (running) { // not the interrupt of close() cutting a reading short
                    problem = "reading /metrics failed: " + e;
                }
                return;
            }
        }
    }

    /** Null while every reading worked. */
    public String problem() {
        return problem;
    }

    /** The open-connection count of the latest reading. */
    public int active() {
        return (int) last().get(ACTIVE);
    }

    /** One entry per close the readings showed: nanoseconds from {@code startNanos} to the reading that showed it. */
    public List<Long> closeTimesSince(long startNanos) {
        List<Long> times = new ArrayList<>();
        synchronized (readings) {
            for (int i = 1; i < readings.size(); i++) {
                int drop = (int) (readings.get(i - 1).metrics().get(ACTIVE) - readings.get(i).metrics().get(ACTIVE));
                for (int k = 0; k < drop; k++) {
                    times.add(readings.get(i).nanos() - startNanos);
                }
            }
        }
        return times;
    }

    /** The latest reading minus the first, for a counter. */
    public double increase(String sample) {
        synchronized (readings) {
            return last().get(sample) - readings.get(0).metrics().get(sample);
        }
    }

    /** The highest value {@code sample} had in any reading. */
    public double max(String sample) {
        synchronized (readings) {
            return readings.stream().mapToDouble(r -> r.metrics().get(sample)).max().orElse(0);
        }
    }

    /** Closes counted since the first reading, by close code (1006: the TCP connection ended without one). */
    public Map<Integer, Integer> closesByCode() {
        Map<Integer, Integer> byCode = new TreeMap<>();
        synchronized (readings) {
            MetricsSnapshot first = readings.get(0).metrics();
            last().samples().forEach((key, value) -> {
                if (key.startsWith(CLOSED_PREFIX)) {
                    int n = (int) (value - first.get(key));
                    if (n > 0) {
                        byCode.put(Integer.parseInt(key.substring(CLOSED_PREFIX.length(), key.length() - 2)), n);
                    }
                }
            });
        }
        return byCode;
    }

    private MetricsSnapshot last() {
        synchronized (readings) {
            return readings.get(readings.size() - 1).metrics();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
