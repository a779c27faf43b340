package io.wsbench.core.codec;

/**
 * One library's permessage-deflate path (RFC 7692) as a server runs it, driven outside a connection: {@link #encode}
 * turns one whole text message into the payload of the single RSV1 frame the library would send, {@link #decode}
 * turns the payload of a client's single RSV1 frame back into the message. Both keep the library's compressor and
 * decompressor state between calls, as on one connection (context takeover where the library's server keeps it).
 *
 * <p>Both hand back a fresh {@code byte[]} of the output, every adapter and the raw-zlib baseline alike, so the copy
 * costs each the same and the buffers a library allocates are released inside the call.
 */
public interface PmdCodec extends AutoCloseable {

    /** The frame payload this library's server sends for {@code message} (compressed, tail handling its own). */
    byte[] encode(byte[] message) throws Exception;

    /** The message this library's server reads from a compressed frame payload (RFC 7692 tail not included). */
    byte[] decode(byte[] payload) throws Exception;

    /** Releases native zlib state, pools and channels. */
    @Override
    void close() throws Exception;
}
