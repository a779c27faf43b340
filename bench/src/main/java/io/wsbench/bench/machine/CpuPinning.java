package io.wsbench.bench.machine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which CPUs the load generator and the servers run on. With two or more CPUs and {@code taskset} available,
 * the load (this JVM) gets the lower half and the server side (server JVMs and nginx) the rest: on 2 cores,
 * load on CPU 0, servers on CPU 1. Otherwise nothing is pinned and the report says why.
 *
 * <p>Pinning happens after a process has started ({@code taskset -a -p}: every thread; threads started later
 * inherit it), because the topology launcher starts its processes itself. So that a server does not size its
 * thread pools for CPUs it will not get, the bench also starts servers with {@code -XX:ActiveProcessorCount}
 * equal to {@link #serverCpus()} (see {@link #serverJvmFlags()}).
 */
public record CpuPinning(String taskset, List<Integer> loadCpus, List<Integer> serverCpus, String description) {

    public CpuPinning {
        loadCpus = List.copyOf(loadCpus);
        serverCpus = List.copyOf(serverCpus);
    }

    /** The layout for this machine, or an unpinned one saying why. */
    public static CpuPinning detect() {
        List<Integer> cpus = ProcFs.cpusAllowed(ProcessHandle.current().pid()).map(CpuPinning::parseList)
                .orElse(List.of());
        Optional<Path> taskset = onPath("taskset");
        if (taskset.isEmpty()) {
            return unpinned(cpus, "not pinned: no taskset on PATH (util-linux)");
        }
        if (cpus.size() < 2) {
            return unpinned(cpus, "not pinned: only " + cpus.size() + " CPU allowed to this process");
        }
        int load = cpus.size() / 2;
        List<Integer> loadCpus = cpus.subList(0, load);
        List<Integer> serverCpus = cpus.subList(load, cpus.size());
        return new CpuPinning(taskset.get().toString(), loadCpus, serverCpus,
                "load generator on CPU " + list(loadCpus) + ", server JVM and nginx on CPU " + list(serverCpus)
                        + " (taskset)");
    }

    public boolean active() {
        return taskset != null;
    }

    /** Pins this JVM (the load generator) to the load CPUs; returns the layout to use from now on. */
    public CpuPinning pinLoadGenerator() {
        if (!active()) {
            return this;
        }
        try {
            pin(ProcessHandle.current().pid(), loadCpus);
            return this;
        } catch (IOException e) {
            return unpinned(concat(loadCpus, serverCpus), "not pinned: " + e.getMessage());
        }
    }

    /** Pins a server-side process (every thread) to the server CPUs. */
    public void pinServerSide(long pid) throws IOException {
        if (active()) {
            pin(pid, serverCpus);
        }
    }

    /**
     * This layout with the server side on every CPU (the load CPUs too), the load where it was: for a scenario that
     * asks what the whole machine holds rather than how fast one pinned server side serves a pinned load (scale's
     * idle connections, where the load is quiet once they are open). Unpinned stays unpinned.
     */
    public CpuPinning serverSideOnEveryCpu() {
        if (!active()) {
            return this;
        }
        List<Integer> every = concat(loadCpus, serverCpus).stream().distinct().sorted().toList();
        return new CpuPinning(taskset, loadCpus, every, "load generator on CPU " + list(loadCpus)
                + ", server side on CPU " + list(every) + " (taskset)");
    }

    /** How many CPUs a load client should use for its I/O threads. */
    public int loadCpuCount() {
        return Math.max(1, active() ? loadCpus.size() : Runtime.getRuntime().availableProcessors());
    }

    /** Added to every server JVM so its thread pools match the CPUs it is pinned to. */
    public List<String> serverJvmFlags() {
        return active() ? List.of("-XX:ActiveProcessorCount=" + serverCpus.size()) : List.of();
    }

    private void pin(long pid, List<Integer> cpus) throws IOException {
        List<String> argv = List.of(taskset, "-a", "-p", "-c", list(cpus), Long.toString(pid));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running taskset", e);
        }
    }

    static List<Integer> parseList(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    static String list(List<Integer> cpus) {
        return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static CpuPinning unpinned(List<Integer> cpus, String why) {
        return new CpuPinning(null, cpus, cpus, why);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
