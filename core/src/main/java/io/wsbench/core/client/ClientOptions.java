package io.wsbench.core.client;

import javax.net.ssl.SSLContext;

/**
 * How a load client is set up: I/O threads (0 = the library's default), whether to offer permessage-deflate,
 * whether that offer lets both sides keep their deflate context between messages (true, a bare offer as a
 * browser makes; false adds {@code server_no_context_takeover} and {@code client_no_context_takeover}, see
 * {@link ClientFeature#NO_CONTEXT_TAKEOVER}), and the trust context for wss:// (null = plain ws only).
 */
public record ClientOptions(int ioThreads, boolean compression, boolean contextTakeover, SSLContext sslContext) {

    public static ClientOptions defaults() {
        return new ClientOptions(0, false, true, null);
    }

    public ClientOptions withCompression(boolean on) {
        return new ClientOptions(ioThreads, on, contextTakeover, sslContext);
    }

    /** False: the deflate offer asks both sides to start every message from an empty window. */
    public ClientOptions withContextTakeover(boolean on) {
        return new ClientOptions(ioThreads, compression, on, sslContext);
    }

    public ClientOptions withTls(SSLContext ctx) {
        return new ClientOptions(ioThreads, compression, contextTakeover, ctx);
    }

    public ClientOptions withIoThreads(int n) {
        return new ClientOptions(n, compression, contextTakeover, sslContext);
    }
}
