package io.wsbench.bench.scenario;

import java.util.Locale;

/**
 * The limit that stopped a scale count short, named from what the processes said: a connect error of a load JVM,
 * the end of nginx's error log, a replica that died. A failed row names it ("held 61,234 of 100,000: files (nginx
 * worker_connections are not enough)") instead of showing a smaller number as if it were the count.
 */
public enum ScaleLimit {
    FILES("files"),
    PORTS("ports"),
    MEMORY("memory"),
    CPU("time: server CPU saturated"),
    TIME("time"),
    UNKNOWN("not identified");

    private final String label;

    ScaleLimit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The limit {@code evidence} (error messages, log lines; any case) points at; {@link #UNKNOWN} when none. */
    public static ScaleLimit of(String evidence) {
        String e = evidence == null ? "" : evidence.toLowerCase(Locale.ROOT);
        if (e.contains("too many open files") || e.contains("worker_connections are not enough")
                || e.contains("emfile") || e.contains("enfile")) {
            return FILES;
        }
        if (e.contains("cannot assign requested address") || e.contains("eaddrnotavail")
                || e.contains("address already in use")) {
            return PORTS;
        }
        if (e.contains("outofmemoryerror") || e.contains("cannot allocate memory") || e.contains("enomem")
                || e.contains("out of memory")) {
            return MEMORY;
        }
        if (e.contains("cpu saturated")) {
            return CPU;
        }
        if (e.contains("timed out") || e.contains("timeout") || e.contains("had not ended")
                || e.contains("no handshake response within")) {
            return TIME;
        }
        return UNKNOWN;
    }

    /**
     * "held 61,234 of 100,000: files (the first line of {@code evidence} that names a limit, else its first line)".
     */
    public static String shortOf(long held, long wanted, String evidence) {
        String text = evidence == null ? "" : evidence.strip();
        ScaleLimit limit = UNKNOWN;
        String line = text.lines().findFirst().orElse("").strip();
        for (String l : text.lines().toList()) {
            if (of(l) != UNKNOWN) {
                limit = of(l);
                line = l.strip();
                break;
            }
        }
        if (line.length() > 200) {
            line = line.substring(0, 199) + "…";
        }
        return String.format(Locale.ROOT, "held %,d of %,d: %s%s", held, wanted, limit.label(),
                line.isEmpty() ? "" : " (" + line + ")");
    }
}
