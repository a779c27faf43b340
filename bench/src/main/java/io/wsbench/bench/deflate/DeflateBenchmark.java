package io.wsbench.bench.deflate;

import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.core.codec.PmdCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH benchmarks behind the {@code deflate-jmh} scenario: one library's permessage-deflate {@link #encode} (what
 * its server does to send a message) and {@link #decode} (what it does to read a client's compressed message), time
 * per message. Each invocation takes the next of {@link #BATCH} different JSON notifications ({@link
 * JsonNotifications}, fixed seed) and wraps around, on one codec for the whole trial, so with context takeover the
 * window carries over from message to message as on a real connection. The decode inputs are the same batch
 * compressed by raw zlib at the same level with context takeover (what a browser sends), made once per trial; they
 * may be decoded in a cycle because the first message of the batch refers to nothing before it.
 *
 * <p>Run through {@link org.openjdk.jmh.runner.Runner} by the scenario, which sets the parameters; the defaults here
 * only make the class runnable alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeflateBenchmark {
    /** Messages per batch: enough that no two neighbours repeat, few enough to stay in cache like a live feed. */
    public static final int BATCH = 64;
    /** The payload seed: the same messages for every library, level and run. */
    public static final long SEED = 20_261_129L;

    /** {@link PmdCodecs#BASELINE} or a library's impl name. */
    @Param({PmdCodecs.BASELINE})
    public String codec;

    /** Target message size in bytes, one of {@link JsonNotifications#SIZES}. */
    @Param({"2048"})
    public int size;

    /** Deflate level. */
    @Param({"6"})
    public int level;

    private byte[][] messages;
    private byte[][] payloads;
    private PmdCodec encoder;
    private PmdCodec decoder;
    private int nextEncode;
    private int nextDecode;

    /** The batch every benchmark of {@code size} cycles through, as UTF-8 bytes. */
    public static byte[][] messages(int size) {
        List<String> batch = new JsonNotifications(SEED).batch(BATCH, size);
        byte[][] out = new byte[batch.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = batch.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** The batch as a client compresses it: raw zlib at {@code level}, context takeover, tails stripped. */
    public static byte[][] clientPayloads(byte[][] messages, int level) {
        byte[][] out = new byte[messages.length][];
        try (RawDeflateCodec client = new RawDeflateCodec(level)) {
            for (int i = 0; i < messages.length; i++) {
                out[i] = client.encode(messages[i]);
            }
        }
        return out;
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        messages = messages(size);
        payloads = clientPayloads(messages, level);
        encoder = PmdCodecs.open(codec, level);
        decoder = PmdCodecs.open(codec, level);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public byte[] encode() throws Exception {
        byte[] message = messages[nextEncode];
        nextEncode = (nextEncode + 1) % BATCH;
        return encoder.encode(message);
    }

    @Benchmark
    public byte[] decode() throws Exception {
        byte[] payload = payloads[nextDecode];
        nextDecode = (nextDecode + 1) % BATCH;
        return decoder.decode(payload);
    }
}
