package io.wsbench.bench.machine;

/**
 * What a group of processes (the server JVM, nginx's master and workers, the load generator) used during one
 * sampled window: CPU in cores (1.0 = one core busy the whole window), average and the busiest sampling
 * interval, and resident memory min/avg/max over the samples.
 */
public record ProcessUsage(double seconds, double cpuSeconds, double avgCores, double maxCores,
                           long rssMinBytes, long rssAvgBytes, long rssMaxBytes) {
}
