package io.wsbench.bench.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Linux {@code /proc} readings the bench takes: a process's CPU time ({@code stat}: utime + stime) and
 * resident memory ({@code status}: VmRSS), the machine's memory, CPU model and this process's limits.
 * Everything here is a plain read of a text file; on a system without /proc the readings are empty.
 */
public final class ProcFs {
    private static final Path ROOT = Path.of("/proc");
    static final long CLOCK_TICKS = clockTicks();

    private ProcFs() {
    }

    public static boolean available() {
        return Files.isReadable(ROOT.resolve("self/stat"));
    }

    /** CPU seconds the process has used so far, user + system, all threads. Empty when it is gone. */
    public static Optional<Double> cpuSeconds(long pid) {
        return read(ROOT.resolve(pid + "/stat")).map(ProcFs::cpuTicksOfStat)
                .map(ticks -> ticks / (double) CLOCK_TICKS);
    }

    /** Resident set size in bytes. Empty when the process is gone. */
    public static Optional<Long> rssBytes(long pid) {
        return read(ROOT.resolve(pid + "/status")).flatMap(s -> field(s, "VmRSS:")).map(ProcFs::kib);
    }

    /** {@code Cpus_allowed_list} of a process, e.g. {@code "0-1"}. */
    public static Optional<String> cpusAllowed(long pid) {
        return read(ROOT.resolve(pid + "/status")).flatMap(s -> field(s, "Cpus_allowed_list:"));
    }

    public static Optional<Long> memTotalBytes() {
        return read(ROOT.resolve("meminfo")).flatMap(s -> field(s, "MemTotal:")).map(ProcFs::kib);
    }

    public static Optional<String> cpuModel() {
        return read(ROOT.resolve("cpuinfo")).flatMap(s -> field(s, "model name"))
                .map(v -> v.startsWith(":") ? v.substring(1).strip() : v);
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code "0.52 0.61 0.70"}. */
    public static Optional<String> loadAverage() {
        return read(ROOT.resolve("loadavg")).map(s -> s.strip().split("\\s+"))
                .map(f -> f[0] + " " + f[1] + " " + f[2]);
    }

    /** CPUs the machine has (processor entries in cpuinfo), whatever this process is pinned to. */
    public static Optional<Integer> cpuCount() {
        return read(ROOT.resolve("cpuinfo")).map(s -> (int) s.lines().filter(l -> l.startsWith("processor")).count())
                .filter(n -> n > 0);
    }

    /** The soft and hard {@code Max open files} of this process. */
    public static Optional<long[]> openFileLimits() {
        return openFileLimits(ROOT.resolve("self/limits"));
    }

    /** The soft and hard {@code Max open files} of another process (children inherit ours, or not). */
    public static Optional<long[]> openFileLimits(long pid) {
        return openFileLimits(ROOT.resolve(pid + "/limits"));
    }

    /** How many files (sockets included) the process has open now: the entries of {@code /proc/<pid>/fd}. */
    public static Optional<Integer> openFiles(long pid) {
        try (Stream<Path> fds = Files.list(ROOT.resolve(pid + "/fd"))) {
            return Optional.of((int) fds.count());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * How many ports the kernel hands out as ephemeral (source) ports, from {@code ip_local_port_range}: the most
     * connections one source address can have to one destination.
     */
    public static Optional<Integer> ephemeralPortCount() {
        // read line by line: Files.readString gets only the first byte of this /proc/sys file (its size reads 0)
        try {
            String[] f = Files.readAllLines(ROOT.resolve("sys/net/ipv4/ip_local_port_range")).get(0).strip()
                    .split("\\s+");
            return Optional.of(Integer.parseInt(f[1]) - Integer.parseInt(f[0]) + 1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<long[]> openFileLimits(Path limits) {
        return read(limits).flatMap(s -> s.lines()
                .filter(l -> l.startsWith("Max open files")).findFirst())
                .map(l -> l.substring("Max open files".length()).strip().split("\\s+"))
                .map(f -> new long[] {limit(f[0]), limit(f[1])});
    }

    /** utime + stime in clock ticks from a {@code /proc/<pid>/stat} line (the command name may hold spaces). */
    static long cpuTicksOfStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state); utime and stime are fields 14 and 15.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long limit(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    private static Optional<String> field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> l.substring(name.length()).strip());
    }

    private static long kib(String value) {
        return Long.parseLong(value.split("\\s+")[0]) * 1024;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** USER_HZ: 100 on every mainstream Linux, asked of getconf to be sure. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
