package io.wsbench.bench.deflate;

import io.wsbench.core.codec.CodecProvider;
import io.wsbench.core.codec.Codecs;
import io.wsbench.core.codec.PmdCodec;
import java.util.List;

/**
 * The permessage-deflate codecs by name: each stack's from its module's {@link CodecProvider} (found by
 * ServiceLoader, also in the JMH JVMs, which get the bench's classpath), and {@link #BASELINE} for raw zlib.
 */
public final class PmdCodecs {
    /** The raw {@link java.util.zip.Deflater} baseline's name. */
    public static final String BASELINE = "zlib";
    /** The stacks with a codec, by impl name. */
    public static final List<String> LIBRARIES = Codecs.names();

    private PmdCodecs() {
    }

    /**
     * A fresh codec (its own compressor and decompressor, as one connection has) at deflate {@code level}.
     *
     * @throws IllegalArgumentException for a name with no codec
     */
    public static PmdCodec open(String name, int level) throws Exception {
        if (name.equals(BASELINE)) {
            return new RawDeflateCodec(level);
        }
        return Codecs.find(name).orElseThrow(
                () -> new IllegalArgumentException("no permessage-deflate adapter for '" + name + "'")).deflate(level);
    }

    /** What the results say beside {@code name}'s deflate figures ({@link CodecProvider#deflateNotes()}). */
    public static List<String> notes(String name) {
        return Codecs.find(name).map(CodecProvider::deflateNotes).orElse(List.of());
    }
}
