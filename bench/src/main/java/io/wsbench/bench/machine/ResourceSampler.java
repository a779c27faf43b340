package io.wsbench.bench.machine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples CPU time and RSS of named process groups from /proc while a measurement runs, on a thread of its own
 * (in the load generator's JVM, so its own small cost is part of the load's CPU). Start it when the measured
 * window starts; {@link #stop()} at its end gives one {@link ProcessUsage} per group that could be read.
 */
public final class ResourceSampler {
    private final Map<String, List<Long>> groups;
    private final Map<String, GroupTrack> tracks = new LinkedHashMap<>();
    private final Thread thread;
    private final long periodNanos;
    private volatile boolean running = true;

    private ResourceSampler(Map<String, List<Long>> groups, Duration period) {
        this.groups = new LinkedHashMap<>(groups);
        this.periodNanos = period.toNanos();
        long now = System.nanoTime();
        this.groups.forEach((name, pids) -> read(pids).ifPresent(r -> tracks.put(name,
                new GroupTrack(now, r, threads(pids)))));
        this.thread = new Thread(this::loop, "wsbench-resource-sampler");
        this.thread.setDaemon(true);
    }

    /** Samples {@code groups} (name to pids, summed) every {@code period}. */
    public static ResourceSampler start(Map<String, List<Long>> groups, Duration period) {
        ResourceSampler sampler = new ResourceSampler(groups, period);
        sampler.thread.start();
        return sampler;
    }

    /** Ends the window: a last reading, then each group's usage over the whole window. */
    public Map<String, ProcessUsage> stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
        Map<String, ProcessUsage> usage = new LinkedHashMap<>();
        synchronized (tracks) {
            tracks.forEach((name, track) -> usage.put(name, track.usage(threads(groups.get(name)))));
        }
        return usage;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(periodNanos / 1_000_000, (int) (periodNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            sampleOnce();
        }
    }

    private void sampleOnce() {
        long now = System.nanoTime();
        synchronized (tracks) {
            tracks.forEach((name, track) -> read(groups.get(name)).ifPresent(r -> track.add(now, r)));
        }
    }

    /** CPU seconds and RSS summed over the group; empty when any of its processes cannot be read. */
    private static Optional<Reading> read(List<Long> pids) {
        double cpu = 0;
        long rss = 0;
        for (long pid : pids) {
            Optional<Double> c = ProcFs.cpuSeconds(pid);
            Optional<Long> r = ProcFs.rssBytes(pid);
            if (c.isEmpty() || r.isEmpty()) {
                return Optional.empty();
            }
            cpu += c.get();
            rss += r.get();
        }
        return Optional.of(new Reading(cpu, rss));
    }

    private record Reading(double cpuSeconds, long rssBytes) {
    }

    /** Thread CPU by kind, summed over the group; empty when any process's threads cannot be read. */
    private static Map<String, Double> threads(List<Long> pids) {
        Map<String, Double> sum = new LinkedHashMap<>();
        for (long pid : pids) {
            Map<String, Double> one = ThreadCpu.of(pid);
            if (one.isEmpty()) {
                return Map.of();
            }
            one.forEach((k, v) -> sum.merge(k, v, Double::sum));
        }
        return sum;
    }

    private static final class GroupTrack {
        private final long startNanos;
        private final double startCpu;
        private final Map<String, Double> startThreads;
        private long lastNanos;
        private double lastCpu;
        private double maxCores;
        private long rssMin = Long.MAX_VALUE;
        private long rssMax;
        private long rssSum;
        private int rssCount;

        GroupTrack(long now, Reading first, Map<String, Double> threads) {
            startThreads = threads;
            startNanos = now;
            lastNanos = now;
            startCpu = first.cpuSeconds();
            lastCpu = first.cpuSeconds();
            addRss(first.rssBytes());
        }

        void add(long now, Reading r) {
            double seconds = (now - lastNanos) / 1e9;
            if (seconds > 0.05) {
                maxCores = Math.max(maxCores, (r.cpuSeconds() - lastCpu) / seconds);
            }
            lastNanos = now;
            lastCpu = r.cpuSeconds();
            addRss(r.rssBytes());
        }

        private void addRss(long rss) {
            rssMin = Math.min(rssMin, rss);
            rssMax = Math.max(rssMax, rss);
            rssSum += rss;
            rssCount++;
        }

        ProcessUsage usage(Map<String, Double> endThreads) {
            double seconds = (lastNanos - startNanos) / 1e9;
            double cpu = lastCpu - startCpu;
            double avg = seconds > 0 ? cpu / seconds : 0;
            Map<String, Double> threads = startThreads.isEmpty() || endThreads.isEmpty() ? Map.of()
                    : ThreadCpu.minus(endThreads, startThreads);
            return new ProcessUsage(seconds, cpu, avg, Math.max(maxCores, avg), rssMin, rssSum / rssCount, rssMax,
                    threads);
        }
    }
}
