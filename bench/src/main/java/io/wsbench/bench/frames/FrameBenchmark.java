package io.wsbench.bench.frames;

import io.wsbench.bench.deflate.DeflateBenchmark;
import io.wsbench.core.codec.FrameCodec;
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
 * The frame half of the {@code deflate-jmh} scenario: one library writing a server's TEXT frame ({@link #encode}) and
 * parsing a client's masked one ({@link #decode}), no compression, on the same JSON batch as
 * {@link DeflateBenchmark}, cycled. The masked inputs are made once per trial by {@link ClientFrames}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameBenchmark {

    /** A stack's impl name ({@link FrameCodecs#LIBRARIES}); none by default: run alone, say {@code -p codec=<impl>}. */
    @Param({""})
    public String codec;

    /** Target message size in bytes. */
    @Param({"2048"})
    public int size;

    private byte[][] messages;
    private byte[][] frames;
    private FrameCodec encoder;
    private FrameCodec decoder;
    private int nextEncode;
    private int nextDecode;

    @Setup(Level.Trial)
    public void open() {
        messages = DeflateBenchmark.messages(size);
        frames = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            frames[i] = ClientFrames.text(messages[i], true);
        }
        encoder = FrameCodecs.open(codec);
        decoder = FrameCodecs.open(codec);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public byte[] encode() throws Exception {
        byte[] message = messages[nextEncode];
        nextEncode = (nextEncode + 1) % messages.length;
        return encoder.encode(message);
    }

    @Benchmark
    public byte[] decode() throws Exception {
        byte[] frame = frames[nextDecode];
        nextDecode = (nextDecode + 1) % frames.length;
        return decoder.decode(frame);
    }
}
