package io.wsbench.bench.deflate;

import java.util.List;

/** The codecs by name: the four impls' names as the bench knows them, and {@link #BASELINE} for raw zlib. */
public final class PmdCodecs {
    /** The raw {@link java.util.zip.Deflater} baseline's name. */
    public static final String BASELINE = "zlib";
    /** The libraries with an adapter, by impl name. */
    public static final List<String> LIBRARIES = List.of("java-websocket", "jetty", "netty", "undertow");

    private PmdCodecs() {
    }

    /**
     * A fresh codec (its own compressor and decompressor, as one connection has) at deflate {@code level}.
     *
     * @throws IllegalArgumentException for a name with no adapter
     */
    public static PmdCodec open(String name, int level) throws Exception {
        return switch (name) {
            case BASELINE -> new RawDeflateCodec(level);
            case "java-websocket" -> new JavaWebSocketCodec(level);
            case "jetty" -> new JettyCodec(level);
            case "netty" -> new NettyCodec(level);
            case "undertow" -> new UndertowCodec(level);
            default -> throw new IllegalArgumentException("no permessage-deflate adapter for '" + name + "'");
        };
    }
}
