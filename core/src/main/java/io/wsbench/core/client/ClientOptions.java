package io.wsbench.core.client;

import javax.net.ssl.SSLContext;

/**
 * How a load client is set up: I/O threads (0 = the library's default), whether to offer permessage-deflate,
 * and the trust context for wss:// (null = plain ws only).
 */
public record ClientOptions(int ioThreads, boolean compression, SSLContext sslContext) {

    public static ClientOptions defaults() {
        return new ClientOptions(0, false, null);
    }

    public ClientOptions withCompression(boolean on) {
        return new ClientOptions(ioThreads, on, sslContext);
    }

    public ClientOptions withTls(SSLContext ctx) {
        return new ClientOptions(ioThreads, compression, ctx);
    }

    public ClientOptions withIoThreads(int n) {
        return new ClientOptions(n, compression, sslContext);
    }
}
