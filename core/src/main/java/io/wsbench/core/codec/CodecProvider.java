package io.wsbench.core.codec;

import java.util.List;
import java.util.Optional;

/**
 * What one stack offers the {@code deflate-jmh} micro-benchmarks: its library's own permessage-deflate and RFC 6455
 * framing code, driven outside a connection. Optional for a stack: its module lists one in
 * {@code META-INF/services/io.wsbench.core.codec.CodecProvider} under the name of its
 * {@link io.wsbench.core.TransportProvider}; the bench finds it with {@link Codecs} and never names a stack.
 */
public interface CodecProvider {

    /** The stack's short name, the same as its {@link io.wsbench.core.TransportProvider#name()}. */
    String name();

    /**
     * A fresh permessage-deflate codec at deflate {@code level}, with its own compressor and decompressor, as one
     * connection of this library's server has.
     */
    PmdCodec deflate(int level) throws Exception;

    /**
     * What the results should say beside this library's deflate figures: a default of the library that changes
     * what is measured (e.g. no context takeover), and how the codec deals with it.
     */
    default List<String> deflateNotes() {
        return List.of();
    }

    /** Why the library's framing cannot be driven outside a connection; empty when {@link #frames()} works. */
    default Optional<String> framesNotSupported() {
        return Optional.empty();
    }

    /**
     * A fresh frame codec.
     *
     * @throws UnsupportedOperationException with {@link #framesNotSupported()}'s reason when there is none
     */
    FrameCodec frames();
}
