package io.wsbench.bench.machine;

import io.wsbench.core.GitCommit;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine, software and settings a run measured on, written next to every table: a number means nothing
 * without the cores, kernel, JDK, library versions, nginx and its config, the open-file limit, the pinning and
 * the exact command that produced it.
 */
public record Environment(
        String cpuModel,
        int cpus,
        long ramBytes,
        String kernel,
        String loadAverage,
        String jdk,
        Map<String, String> serverLibraries,
        String loadClient,
        String nginx,
        String nginxConfig,
        OpenFileLimit openFiles,
        String pinning,
        List<String> serverJvmFlags,
        List<String> loadJvmFlags,
        String command,
        String gitCommit) {

    public Environment {
        serverLibraries = Collections.unmodifiableMap(new TreeMap<>(serverLibraries));
        serverJvmFlags = List.copyOf(serverJvmFlags);
        loadJvmFlags = List.copyOf(loadJvmFlags);
    }

    /**
     * Reads the machine and the JVM; the rest is what the run was set up with.
     *
     * @param serverLibraries impl name to its {@code library()} string
     * @param loadClient      the load client's name and library
     */
    public static Environment capture(Map<String, String> serverLibraries, String loadClient, String nginx,
                                      String nginxConfig, CpuPinning pinning, List<String> serverJvmFlags,
                                      String command, Path repository) {
        return new Environment(
                ProcFs.cpuModel().orElse(System.getProperty("os.arch")),
                ProcFs.cpuCount().orElse(Runtime.getRuntime().availableProcessors()),
                ProcFs.memTotalBytes().orElse(-1L),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ProcFs.loadAverage().orElse("?"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                serverLibraries,
                loadClient,
                nginx,
                nginxConfig,
                OpenFileLimit.current(),
                pinning.description(),
                serverJvmFlags,
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                command,
                GitCommit.of(repository));
    }

    /** The lines printed above every scenario's tables. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("machine: " + cpus + " × " + cpuModel + ", " + gib(ramBytes) + " RAM, " + kernel
                + "; load average before the run " + loadAverage + " (well above 0 means other work shared the CPUs)");
        lines.add("JDK: " + jdk);
        lines.add("servers: " + String.join(", ", serverLibraries.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).toList()) + "; server JVM flags: "
                + String.join(" ", serverJvmFlags));
        lines.add("load: " + loadClient + "; load JVM flags: " + String.join(" ", loadJvmFlags));
        lines.add("nginx: " + nginx + ", " + nginxConfig);
        lines.add("CPU pinning: " + pinning);
        lines.add("open files: " + openFiles.meaning());
        lines.add("command: `" + command + "`" + (gitCommit.isEmpty() ? "" : " at commit " + gitCommit));
        return lines;
    }

    private static String gib(long bytes) {
        return bytes < 0 ? "? GiB" : String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
