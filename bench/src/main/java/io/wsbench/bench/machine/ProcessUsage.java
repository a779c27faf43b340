package io.wsbench.bench.machine;

import java.util.Map;

/**
 * What a group of processes (the server JVM, nginx's master and workers, the load generator) used during one
 * sampled window: CPU in cores (1.0 = one core busy the whole window), average and the busiest sampling
 * interval, and resident memory min/avg/max over the samples.
 *
 * @param threadCpuSeconds CPU seconds of the window by thread kind ({@link ThreadCpu}: jit, gc, other); empty
 *                         where the threads could not be read
 */
public record ProcessUsage(double seconds, double cpuSeconds, double avgCores, double maxCores,
                           long rssMinBytes, long rssAvgBytes, long rssMaxBytes, Map<String, Double> threadCpuSeconds) {

    public ProcessUsage {
        threadCpuSeconds = threadCpuSeconds == null ? Map.of() : Map.copyOf(threadCpuSeconds);
    }

    /** The cores one kind of thread used on average over the window; empty when not read. */
    public java.util.Optional<Double> threadCores(String kind) {
        Double s = threadCpuSeconds.get(kind);
        return s == null || seconds <= 0 ? java.util.Optional.empty() : java.util.Optional.of(s / seconds);
    }
}
