package io.wsbench.bench.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU seconds of a JVM's threads by what they do, from {@code /proc/<pid>/task/<tid>/stat}: the JIT compilers,
 * the garbage collector (and the VM thread that runs its pauses), and everything else (the library's event loops
 * and workers). On a one-CPU server JVM these compete for the same core, so a window whose server CPU went to the
 * JIT measured a JVM still warming up, not the stack: this is how the report tells the two apart.
 */
public final class ThreadCpu {
    public static final String JIT = "jit";
    public static final String GC = "gc";
    public static final String OTHER = "other";
    /** The thread every HotSpot JVM runs its safepoint operations on. */
    private static final String HOTSPOT_VM_THREAD = "VM Thread";

    private ThreadCpu() {
    }

    /**
     * Seconds per kind summed over the process's live threads; empty when /proc cannot be read. {@link #JIT} and
     * {@link #GC} are there only for a HotSpot JVM (it has a "VM Thread"): a Go or Node.js server has no threads of
     * those names, and a 0 would read as "no compiling, no collecting".
     */
    public static Map<String, Double> of(long pid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put(JIT, 0.0);
        seconds.put(GC, 0.0);
        seconds.put(OTHER, 0.0);
        boolean hotSpot = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                hotSpot |= name.equals(HOTSPOT_VM_THREAD);
                seconds.merge(kind(name), ProcFs.cpuTicksOfStat(stat) / (double) ProcFs.CLOCK_TICKS, Double::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        if (!hotSpot) {
            seconds.remove(JIT);
            seconds.remove(GC);
        }
        return seconds;
    }

    /** HotSpot's thread names (cut to 15 characters by the kernel): "C2 CompilerThre", "G1 Conc#0", "VM Thread". */
    static String kind(String threadName) {
        if (threadName.contains("Compiler")) {
            return JIT;
        }
        if (threadName.startsWith("G1 ") || threadName.startsWith("GC Thread") || threadName.equals("VM Thread")) {
            return GC;
        }
        return OTHER;
    }

    /** {@code after − before} per kind. */
    public static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> diff = new LinkedHashMap<>();
        after.forEach((k, v) -> diff.put(k, Math.max(0, v - before.getOrDefault(k, 0.0))));
        return diff;
    }
}
