package io.wsbench.bench.report.claims;

import static io.wsbench.bench.report.claims.Figures.where;

import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The notes' message-size rules, judged from the message-size scenario. */
final class MessageSizeClaims {
    private static final String SCENARIO = "message-size";
    private static final String DEFAULT = "default 64 KiB";
    private static final String RAISED = "raised to 50 MiB";
    private static final String BIGGEST = "50 MiB";

    private MessageSizeClaims() {
    }

    static List<Claim> all() {
        return List.of(
                new Claim("A 64 KB read limit protects the server: a bigger message is refused.",
                        "001: «readLimit = 65536 // Ограничение на 64 КБ», «для защиты от DoS-атак»",
                        MessageSizeClaims::readLimitRefuses),
                new Claim("Nginx's default 1 MB limit (client_max_body_size) cuts bigger messages unless raised.",
                        "001: «По умолчанию в Nginx стоит лимит 1 МБ… Nginx может его обрубить»",
                        MessageSizeClaims::nginxCutsAtOneMb),
                new Claim("Keep text/JSON messages to 1–5 MB; binary may go to 10–50 MB.",
                        "001: «Для текста/JSON: не более 1–5 МБ», «Для бинарных данных: до 10–50 МБ»",
                        MessageSizeClaims::textCostsMore));
    }

    /** READ_LIMIT + 1 byte, text and binary, direct and through nginx: closed with 1009 by every impl. */
    static Verdict readLimitRefuses(RunResult run) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        Map<String, Double> codes = f.get().medians("close_code", where("READ_LIMIT", DEFAULT, "size",
                "64 KiB + 1 B"));
        if (codes.isEmpty()) {
            return Verdict.notMeasured("no impl measured READ_LIMIT + 1");
        }
        Map<String, Double> all = f.get().allMedians("close_code", where("READ_LIMIT", DEFAULT, "size",
                "64 KiB + 1 B"));
        long refused = all.values().stream().filter(c -> c == 1009).count();
        String figures = "READ_LIMIT + 1 byte (text and binary, direct and through nginx): closed with 1009 (median"
                + " of the repetitions) in " + refused + " of " + all.size() + " impl × message cells"
                + (refused < all.size() ? "; the others: " + String.join(", ", all.entrySet().stream()
                        .filter(e -> e.getValue() != 1009).map(e -> e.getKey() + " " + Math.round(e.getValue()))
                        .toList()) : "")
                + "; a 50 MiB message passes only once the limit is raised";
        if (refused == all.size()) {
            return Verdict.holds(figures);
        }
        return refused == 0 ? Verdict.doesNotHold(figures) : Verdict.partly(figures);
    }

    /** Raised limit, through nginx with client_max_body_size 1m: did 10 and 50 MiB arrive intact? */
    static Verdict nginxCutsAtOneMb(RunResult run) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        Map<String, Double> intact = f.get().allMedians("intact_pct", v -> RAISED.equals(v.get("READ_LIMIT"))
                && v.get("message") != null && v.get("message").endsWith("nginx")
                && !"1 MiB".equals(v.get("size")) && v.get("size") != null && v.get("size").endsWith("MiB"));
        if (intact.isEmpty()) {
            return Verdict.notMeasured("no impl sent messages over 1 MiB through nginx");
        }
        long whole = intact.values().stream().filter(p -> p >= 100).count();
        String figures = "messages over 1 MiB (10 and 50 MiB, text and binary) through nginx with"
                + " client_max_body_size 1m, READ_LIMIT raised: " + whole + " of " + intact.size()
                + " impl × message cells came back intact (client_max_body_size limits HTTP request bodies,"
                + " not frames after the upgrade)";
        if (whole == intact.size()) {
            return Verdict.doesNotHold(figures);
        }
        return whole == 0 ? Verdict.holds(figures) : Verdict.partly(figures);
    }

    /** 50 MiB text vs binary, direct: both pass; what one message costs the server's heap and in time. */
    static Verdict textCostsMore(RunResult run) {
        Optional<Figures> f = Figures.of(run, SCENARIO);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        Map<String, Double> textHeap = f.get().medians("server_heap_growth_mib",
                where("READ_LIMIT", RAISED, "message", "text direct", "size", BIGGEST));
        Map<String, Double> binHeap = f.get().medians("server_heap_growth_mib",
                where("READ_LIMIT", RAISED, "message", "binary direct", "size", BIGGEST));
        Map<String, Double> textTrip = f.get().medians("round_trip_ms",
                where("READ_LIMIT", RAISED, "message", "text direct", "size", BIGGEST));
        Map<String, Double> binTrip = f.get().medians("round_trip_ms",
                where("READ_LIMIT", RAISED, "message", "binary direct", "size", BIGGEST));
        if (textHeap.isEmpty() || binHeap.isEmpty()) {
            return Verdict.notMeasured("no impl echoed 50 MiB text and binary");
        }
        Map<String, Double> intact = f.get().allMedians("intact_pct", v -> RAISED.equals(v.get("READ_LIMIT"))
                && BIGGEST.equals(v.get("size")) && v.get("message") != null && v.get("message").endsWith("direct"));
        long whole = intact.values().stream().filter(p -> p >= 100).count();
        long dearer = textHeap.keySet().stream()
                .filter(i -> binHeap.containsKey(i) && textHeap.get(i) > binHeap.get(i)).count();
        String figures = (whole == intact.size() ? "no hard limit: " : "") + "50 MiB text and binary, direct,"
                + " READ_LIMIT 50 MiB, server -Xmx1g: " + whole + " of " + intact.size() + " impl × message cells"
                + " echoed intact. One 50 MiB message, direct, heap growth text / binary: "
                + String.join(", ", textHeap.keySet().stream().filter(binHeap::containsKey)
                .map(i -> i + " " + Format.number(textHeap.get(i)) + " / " + Format.number(binHeap.get(i))
                        + " MiB" + (textTrip.containsKey(i) && binTrip.containsKey(i)
                        ? " (" + Format.number(textTrip.get(i)) + " / " + Format.number(binTrip.get(i)) + " ms)"
                        : ""))
                .toList());
        return dearer * 2 > textHeap.size() ? Verdict.partly(figures + ": text costs more, as the rule assumes")
                : Verdict.doesNotHold(figures);
    }
}
