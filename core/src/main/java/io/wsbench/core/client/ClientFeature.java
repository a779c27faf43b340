package io.wsbench.core.client;

/** Things a load client may be unable to do; see {@link ClientProvider#unsupported()}. */
public enum ClientFeature {
    /** Offer permessage-deflate. */
    COMPRESSION,
    /** Bind a chosen local (source) address, needed to pass ~28k connections per destination. */
    SOURCE_ADDRESS,
    /** wss:// with a given trust context. */
    TLS,
    /**
     * Hold thousands of connections from one JVM: a client that spends a thread or two on each connection
     * cannot (scenarios that open many connections check this and say "not supported").
     */
    MANY_CONNECTIONS,
    /**
     * Offer permessage-deflate with {@code server_no_context_takeover} and {@code client_no_context_takeover}
     * ({@link ClientOptions#withContextTakeover}(false)) and fail the handshake when the server does not grant
     * them.
     */
    NO_CONTEXT_TAKEOVER,
    /** Count the bytes its sockets read and write ({@link WsClient#wireBytes()}). */
    WIRE_BYTES
}
