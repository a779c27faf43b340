package io.wsbench.bench.report.claims;

import static io.wsbench.bench.scenario.MessageSizeScenario.DEFAULT_LABEL;
import static io.wsbench.bench.scenario.MessageSizeScenario.DEFAULT_LIMIT;
import static io.wsbench.bench.scenario.MessageSizeScenario.MIB;
import static io.wsbench.bench.scenario.MessageSizeScenario.RAISED_LABEL;
import static io.wsbench.bench.scenario.MessageSizeScenario.RAISED_LIMIT;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.RunResult;
import io.wsbench.bench.result.Variant;
import io.wsbench.bench.scenario.MessageSizeScenario;
import io.wsbench.core.CloseCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The notes' message-size rules, judged from the message-size scenario. */
final class MessageSizeClaims {
    static final Threshold INTACT = Threshold.percent("intact", 100,
            "a message × route cell came through when this share of its echoes came back byte for byte");
    static final Threshold CLEARLY_MORE_MEMORY = Threshold.factor("clearly more memory", 1.2,
            "text costs more than binary in an impl when its server memory growth for one message of the largest"
                    + " size over 1 MiB (the larger of heap and RSS growth) is at least this factor of binary's");
    static final Threshold MOST_IMPLS = Threshold.percent("most impls", 50,
            "\"text costs more\" needs more than this share of the impls measured");

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

    static List<Threshold> thresholds() {
        return List.of(INTACT, CLEARLY_MORE_MEMORY, MOST_IMPLS);
    }

    /** READ_LIMIT + 1 byte, text and binary, direct and through nginx: closed with 1009 by every impl. */
    static Verdict readLimitRefuses(RunResult run) {
        Optional<Figures> f = Figures.of(run, MessageSizeScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        List<Variant> overLimit = new ArrayList<>();
        for (Route route : MessageSizeScenario.ROUTES) {
            for (boolean text : MessageSizeScenario.TEXT_THEN_BINARY) {
                overLimit.add(MessageSizeScenario.variant(DEFAULT_LABEL, text, route, DEFAULT_LIMIT + 1));
            }
        }
        Map<String, Double> all = f.get().allMedians(MessageSizeScenario.CLOSE_CODE, overLimit);
        if (all.isEmpty()) {
            return Verdict.notMeasured("no impl measured READ_LIMIT + 1");
        }
        long refused = all.values().stream().filter(c -> c == CloseCodes.MESSAGE_TOO_BIG).count();
        String figures = "READ_LIMIT + 1 byte (text and binary, direct and through nginx): closed with "
                + CloseCodes.MESSAGE_TOO_BIG + " (median of the repetitions) in " + refused + " of " + all.size()
                + " impl × message cells"
                + (refused < all.size() ? "; the others: " + String.join(", ", all.entrySet().stream()
                        .filter(e -> e.getValue() != CloseCodes.MESSAGE_TOO_BIG)
                        .map(e -> e.getKey() + " " + Math.round(e.getValue())).toList()) : "")
                + "; a " + Format.bytes(RAISED_LIMIT) + " message passes only once the limit is raised";
        return Verdict.byCount(refused, all.size(), figures);
    }

    /** Raised limit, through nginx with client_max_body_size 1m: did the messages over 1 MiB arrive intact? */
    static Verdict nginxCutsAtOneMb(RunResult run) {
        Optional<Figures> f = Figures.of(run, MessageSizeScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        List<Variant> overOneMib = new ArrayList<>();
        for (boolean text : MessageSizeScenario.TEXT_THEN_BINARY) {
            for (int size : MessageSizeScenario.sizes(Profile.FULL)) {
                if (size > MIB) {
                    overOneMib.add(MessageSizeScenario.variant(RAISED_LABEL, text, Route.NGINX, size));
                }
            }
        }
        Map<String, Double> intact = f.get().allMedians(MessageSizeScenario.INTACT, overOneMib);
        if (intact.isEmpty()) {
            return Verdict.notMeasured("no impl sent messages over 1 MiB through nginx");
        }
        long whole = intact.values().stream().filter(p -> p >= INTACT.value()).count();
        String figures = "messages over 1 MiB (text and binary) through nginx with client_max_body_size 1m,"
                + " READ_LIMIT raised: " + whole + " of " + intact.size() + " impl × message cells came back"
                + " intact (client_max_body_size limits HTTP request bodies, not frames after the upgrade)";
        // The claim is that nginx cuts them: every cell intact refutes it.
        return Verdict.byCount(intact.size() - whole, intact.size(), figures);
    }

    /**
     * The largest size over 1 MiB the run echoed (50 MiB in full, 10 MiB in quick), text vs binary, direct: both
     * pass; what one message costs the server in whole memory. Heap growth alone would miss an impl that holds binary off-heap (Netty keeps the 50 MiB in direct buffers), and RSS
     * growth alone misses heap pages the JVM had already touched, so each side is the larger of the two.
     */
    static Verdict textCostsMore(RunResult run) {
        Optional<Figures> f = Figures.of(run, MessageSizeScenario.NAME);
        if (f.isEmpty()) {
            return Verdict.notMeasured("the message-size scenario was not run");
        }
        int size = largestEchoed(f.get());
        Variant text = MessageSizeScenario.variant(RAISED_LABEL, true, Route.DIRECT, size);
        Variant binary = MessageSizeScenario.variant(RAISED_LABEL, false, Route.DIRECT, size);
        Map<String, Double> textHeap = f.get().medians(MessageSizeScenario.HEAP_GROWTH, text);
        Map<String, Double> binHeap = f.get().medians(MessageSizeScenario.HEAP_GROWTH, binary);
        Map<String, Double> textRss = f.get().medians(MessageSizeScenario.RSS_GROWTH, text);
        Map<String, Double> binRss = f.get().medians(MessageSizeScenario.RSS_GROWTH, binary);
        Map<String, Double> textTrip = f.get().medians(MessageSizeScenario.ROUND_TRIP, text);
        Map<String, Double> binTrip = f.get().medians(MessageSizeScenario.ROUND_TRIP, binary);
        List<String> impls = textHeap.keySet().stream()
                .filter(i -> binHeap.containsKey(i) && textRss.containsKey(i) && binRss.containsKey(i)).toList();
        if (impls.isEmpty()) {
            return Verdict.notMeasured("no impl echoed more than 1 MiB of text and binary direct");
        }
        Map<String, Double> intact = f.get().allMedians(MessageSizeScenario.INTACT, List.of(text, binary));
        long whole = intact.values().stream().filter(p -> p >= INTACT.value()).count();
        long dearer = impls.stream().filter(i -> Math.max(textHeap.get(i), textRss.get(i))
                >= CLEARLY_MORE_MEMORY.value() * Math.max(binHeap.get(i), binRss.get(i))).count();
        String figures = (whole == intact.size() ? "no hard limit: " : "") + Format.bytes(size)
                + " text and binary, direct, READ_LIMIT " + Format.bytes(RAISED_LIMIT) + ", server -Xmx1g: " + whole
                + " of " + intact.size() + " impl × message cells echoed intact. One " + Format.bytes(size)
                + " message, direct, server heap growth / RSS growth, text vs binary: "
                + String.join(", ", impls.stream().map(i -> i + " " + Format.number(textHeap.get(i)) + " / "
                        + Format.number(textRss.get(i)) + " vs " + Format.number(binHeap.get(i)) + " / "
                        + Format.number(binRss.get(i)) + " MiB" + (textTrip.containsKey(i) && binTrip.containsKey(i)
                        ? " (" + Format.number(textTrip.get(i)) + " vs " + Format.number(binTrip.get(i)) + " ms)"
                        : "")).toList());
        // Both sizes pass, so the limits are advice, not a boundary: at best the cost half of the rule holds.
        return dearer * 100.0 / impls.size() > MOST_IMPLS.value()
                ? Verdict.partly(figures + ": text costs more memory in " + dearer + " of " + impls.size()
                        + ", as the rule assumes")
                : Verdict.doesNotHold(figures + ": text costs clearly more memory in " + dearer + " of "
                        + impls.size());
    }

    /** The largest raised size over 1 MiB that the run echoed as text direct (else the raised limit). */
    private static int largestEchoed(Figures f) {
        return MessageSizeScenario.sizes(Profile.FULL).stream().filter(s -> s > MIB)
                .filter(s -> !f.medians(MessageSizeScenario.HEAP_GROWTH,
                        MessageSizeScenario.variant(RAISED_LABEL, true, Route.DIRECT, s)).isEmpty())
                .max(Integer::compare).orElse(RAISED_LIMIT);
    }
}
