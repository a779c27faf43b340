package io.wsbench.bench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's Java heap lies in its address space (reserved once at start for the whole {@code -Xmx}, as
 * {@code jcmd <pid> GC.heap_info} prints it), so that its RSS splits into the heap's resident pages and the rest:
 * the native memory (direct buffers, zlib state, thread stacks, metaspace, code). Without a pre-touched heap the
 * RSS alone mixes both, and it is the native part a library's off-heap structures show up in.
 */
public record JavaHeap(long pid, long start, long end) {
    /** G1's line: {@code garbage-first heap   total 65536K, used 1234K [0x00000000c0000000, 0x0000000100000000)}. */
    private static final Pattern RANGE = Pattern.compile("heap .*\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\)");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ");

    /** Asks the JVM {@code pid} where its heap is ({@code jcmd <pid> GC.heap_info}). */
    public static JavaHeap of(long pid) throws IOException, InterruptedException {
        String info = ServerMemory.jcmd(pid, "GC.heap_info");
        Matcher m = RANGE.matcher(info);
        if (!m.find()) {
            throw new IOException("jcmd " + pid + " GC.heap_info names no heap address range: " + info);
        }
        return new JavaHeap(pid, Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16));
    }

    /** The heap's resident bytes now: the Rss of every mapping of /proc/pid/smaps inside the heap's range. */
    public long residentBytes() throws IOException {
        long kib = 0;
        boolean inHeap = false;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            Matcher m = MAPPING.matcher(line);
            if (m.find()) {
                long from = Long.parseUnsignedLong(m.group(1), 16);
                long to = Long.parseUnsignedLong(m.group(2), 16);
                inHeap = from >= start && to <= end;
            } else if (inHeap && line.startsWith("Rss:")) {
                kib += Long.parseLong(line.substring(4).replace("kB", "").strip());
            }
        }
        return kib * 1024;
    }
}
