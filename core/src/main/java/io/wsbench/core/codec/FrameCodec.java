package io.wsbench.core.codec;

/**
 * One library's RFC 6455 framing of a whole text message, no extension: {@link #encode} is the frame a server
 * writes (header and payload, unmasked), {@link #decode} reads the payload back out of a client's masked frame.
 * Both hand back a fresh {@code byte[]} (the same copy for every library).
 */
public interface FrameCodec extends AutoCloseable {

    /** The bytes of the single unmasked TEXT frame this library's server writes for {@code message}. */
    byte[] encode(byte[] message) throws Exception;

    /** The payload of one masked TEXT frame, as this library's server parses and unmasks it. */
    byte[] decode(byte[] frame) throws Exception;

    @Override
    void close() throws Exception;
}
