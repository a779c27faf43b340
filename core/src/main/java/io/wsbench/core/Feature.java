package io.wsbench.core;

/** Behaviours of SPEC §3 that a stack may be unable to show; see {@link TransportProvider#unsupported()}. */
public enum Feature {
    /** permessage-deflate negotiated when {@code COMPRESSION=on}. */
    COMPRESSION,
    /** {@code COMPRESSION_LEVEL} applied to the server's deflater. */
    COMPRESSION_LEVEL,
    /** permessage-deflate with {@code no_context_takeover} negotiated on a client's request. */
    NO_CONTEXT_TAKEOVER,
    /**
     * permessage-deflate with the server keeping its deflate window from one message to the next when the client
     * does not ask for {@code server_no_context_takeover} (RFC 7692's default).
     */
    SERVER_CONTEXT_TAKEOVER,
    /** {@code READ_LIMIT} enforced on the decompressed message (a deflate bomb closes 1009). */
    DECOMPRESSED_LIMIT,
    /** A plain GET at {@code WS_PATH} without Upgrade is answered 400 or 426 (not some other error status). */
    PLAIN_GET_STATUS,
    /**
     * A close frame whose payload is a single byte (neither empty nor a 2-byte code, RFC 6455 §5.5.1) is answered
     * 1002, as any other malformed close frame.
     */
    CLOSE_PAYLOAD_LENGTH,
    /** TLS at the backend with {@code TLS_CERT}/{@code TLS_KEY}. */
    TLS
}
