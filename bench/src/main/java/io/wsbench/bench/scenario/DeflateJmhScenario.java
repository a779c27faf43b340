package io.wsbench.bench.scenario;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Stacks;
import io.wsbench.bench.deflate.DeflateBenchmark;
import io.wsbench.bench.deflate.JmhDeflateRun;
import io.wsbench.bench.deflate.JmhSettings;
import io.wsbench.bench.deflate.PmdCodecs;
import io.wsbench.bench.frames.FrameCodecs;
import io.wsbench.bench.format.Format;
import io.wsbench.bench.result.Metric;
import io.wsbench.bench.result.Variant;
import io.wsbench.core.codec.PmdCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * JMH micro-benchmarks of each library's permessage-deflate path (SPEC §4 compression, issue 5): encode (a server
 * compressing a message to send) and decode (a server inflating a client's message) at levels 1, 6 and 9, on JSON
 * notifications cycled on one codec so context takeover carries over; no sockets, no server process. The row of an
 * impl is its library's code driven through {@link PmdCodecs}; the raw zlib row ({@link ZlibCeiling}) is the
 * baseline every library pays at least, measured once per run. The frame variants ({@code frame encode/decode},
 * level {@code none}) time the library's plain framing of the same messages ({@link FrameCodecs}).
 */
public final class DeflateJmhScenario implements Scenario {
    /** The name in results.json, and what the design claims look the results up by. */
    public static final String NAME = "deflate-jmh";
    static final String DIRECTION = "direction";
    static final String SIZE = "size";
    static final String LEVEL = "level";
    /** A server compressing a message it sends. */
    public static final String ENCODE = "encode";
    static final List<String> DIRECTIONS = List.of(ENCODE, "decode");
    static final List<String> FRAME_DIRECTIONS = List.of("frame encode", "frame decode");
    /** The level dimension of a frame variant: no compression. */
    static final String NO_DEFLATE = "none";

    static final Metric THROUGHPUT = Metric.higher("mb_per_s", "throughput", "MB/s");
    public static final Metric TIME = Metric.lower("us_per_msg", "time per message", "µs");
    static final Metric JMH_ERROR = Metric.context("jmh_error_us", "JMH ± (99.9%)", "µs");
    static final Metric WIRE = Metric.context("wire_pct", "wire / message", "%");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "JMH micro-benchmarks of each library's own permessage-deflate code outside a connection: encode (the"
                + " server compressing a message: Netty's encoder in an EmbeddedChannel, Jetty's"
                + " PerMessageDeflateExtension, Undertow's PerMessageDeflateFunction, Java-WebSocket's extension) and"
                + " decode (inflating a client's context-takeover stream), at levels 1, 6 and 9 on a batch of 64"
                + " different JSON notifications cycled on one codec, throughput in message MB/s; raw"
                + " java.util.zip Deflater/Inflater (SYNC_FLUSH, tail stripped) is the ceiling row. \"frame"
                + " encode/decode\" is the library's RFC 6455 framing of the same messages without compression (a"
                + " server's unmasked TEXT frame out, a client's masked one in; Undertow's framing exists only inside"
                + " its channels). Each repetition of a library is a JVM of its own (all its benchmarks in it, JMH"
                + " unforked inside), interleaved with the other libraries' as server JVMs are elsewhere, and its"
                + " median iteration is the repetition's figure; the JMH ± column is JMH's 99.9% error within one JVM. Quick measures"
                + " 2 KiB only, full also 200 B and 20 KiB (the header says how long); smoke runs in the bench JVM."
                + " It lies"
                + " about a connection by leaving out the socket, the framing and the allocation pressure of many"
                + " connections, and a library's defaults show as they are (Java-WebSocket resets its Deflater after"
                + " every message it sends, so its encode is cheaper per call and compresses worse: see wire %).";
    }

    @Override
    public List<Metric> metrics() {
        return List.of(THROUGHPUT, TIME, JMH_ERROR, WIRE);
    }

    @Override
    public List<Variant> variants(Profile profile) {
        List<Variant> all = new ArrayList<>(deflateVariants(profile));
        all.addAll(frameVariants(profile));
        return all;
    }

    /** The deflate variants: the raw zlib ceiling measures these. */
    static List<Variant> deflateVariants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (String direction : DIRECTIONS) {
            for (int size : JmhSettings.of(profile).sizes()) {
                for (int level : JmhSettings.LEVELS) {
                    all.add(variant(direction, size, level));
                }
            }
        }
        return all;
    }

    static List<Variant> frameVariants(Profile profile) {
        List<Variant> all = new ArrayList<>();
        for (String direction : FRAME_DIRECTIONS) {
            for (int size : JmhSettings.of(profile).sizes()) {
                all.add(variant(direction, size, 0));
            }
        }
        return all;
    }

    /** {@code level} 0: a frame variant (level "none"). */
    public static Variant variant(String direction, int size, int level) {
        return Variant.of(DIRECTION, direction, SIZE, Format.bytes(size), LEVEL,
                level == 0 ? NO_DEFLATE : String.valueOf(level));
    }

    @Override
    public Optional<Ceiling> ceiling() {
        return Optional.of(new ZlibCeiling());
    }

    @Override
    public String method(Profile profile) {
        return "JMH, " + JmhSettings.of(profile).describe();
    }

    @Override
    public void repetition(ScenarioRun run, int repetition) throws Exception {
        if (Stacks.isReference(run.impl())) {
            for (Variant v : variants(run.profile())) {
                run.notApplicable(v, "a JMH benchmark of a library's JVM code; " + run.impl() + " is a reference"
                        + " server outside the JVM (its deflate cost shows in compression's server CPU per message)");
            }
            return;
        }
        if (!PmdCodecs.LIBRARIES.contains(run.impl())) {
            for (Variant v : variants(run.profile())) {
                run.notSupported(v, "no permessage-deflate adapter for " + run.impl());
            }
            return;
        }
        Optional<String> noFrames = FrameCodecs.notSupported(run.impl());
        noFrames.ifPresent(reason -> frameVariants(run.profile()).forEach(v -> run.notSupported(v, reason)));
        measure(run, run.impl(), noFrames.isEmpty(), repetition);
        for (String note : PmdCodecs.notes(run.impl())) {
            deflateVariants(run.profile()).forEach(v -> run.note(v, note));
        }
    }

    /** Runs JMH for {@code codec} and records its deflate variants, and its frame variants when {@code frames}. */
    static void measure(ScenarioRun run, String codec, boolean frames, int rep) throws Exception {
        JmhSettings settings = JmhSettings.of(run.profile());
        List<String> failures = new ArrayList<>();
        Map<JmhDeflateRun.Key, JmhDeflateRun.Result> results = JmhDeflateRun.run(codec, run.profile(), frames,
                failures);
        String failure = failures.isEmpty() ? "JMH produced no result" : failures.get(0);
        for (int size : settings.sizes()) {
            byte[][] messages = DeflateBenchmark.messages(size);
            double messageBytes = averageLength(messages);
            for (int level : JmhSettings.LEVELS) {
                Double wire = wirePercent(codec, level, messages);
                for (String direction : DIRECTIONS) {
                    Variant variant = variant(direction, size, level);
                    JmhDeflateRun.Result r = results.get(new JmhDeflateRun.Key(direction, size, level));
                    record(run, variant, rep, r, messageBytes, direction.equals(ENCODE) ? wire : null, failure);
                }
            }
            if (frames) {
                for (String direction : FRAME_DIRECTIONS) {
                    JmhDeflateRun.Result r = results.get(new JmhDeflateRun.Key(direction, size, 0));
                    record(run, variant(direction, size, 0), rep, r, messageBytes, null, failure);
                }
            }
        }
    }

    /** Repetition {@code rep}: the median of its JVM's iterations; {@code r} null fails the variant. */
    private static void record(ScenarioRun run, Variant variant, int rep, JmhDeflateRun.Result r,
                               double messageBytes, Double wire, String failure) {
        if (r == null) {
            run.fail(variant, failure);
            return;
        }
        double micros = new Median().evaluate(r.iterations().stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(THROUGHPUT.key(), messageBytes / micros);
        values.put(TIME.key(), micros);
        if (!Double.isNaN(r.error())) {
            values.put(JMH_ERROR.key(), r.error());
        }
        if (wire != null) {
            values.put(WIRE.key(), wire);
        }
        run.record(variant, rep, values);
    }

    /**
     * What the codec's encode sends for the batch (one pass, one codec), as a % of the message bytes: measured by
     * running the library's code once outside JMH, so a default like Java-WebSocket's per-message reset shows.
     */
    private static double wirePercent(String codec, int level, byte[][] messages) throws Exception {
        long in = 0;
        long out = 0;
        try (PmdCodec c = PmdCodecs.open(codec, level)) {
            for (byte[] m : messages) {
                in += m.length;
                out += c.encode(m).length;
            }
        }
        return 100.0 * out / in;
    }

    private static double averageLength(byte[][] messages) {
        long total = 0;
        for (byte[] m : messages) {
            total += m.length;
        }
        return (double) total / messages.length;
    }
}
