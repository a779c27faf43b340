package io.wsbench.core.client;

import java.util.Map;

/**
 * One WebSocket client stack used as a load generator, found by {@link java.util.ServiceLoader} under a short
 * name ({@code jdk-httpclient}, {@code netty}, {@code java-websocket}); listed in
 * {@code META-INF/services/io.wsbench.core.client.ClientProvider}. The bench drives the same load through each
 * to show which one generates the most load per CPU, and uses that one by default.
 */
public interface ClientProvider {

    String name();

    /** The library and version on the classpath, for the results. */
    String library();

    /** What this client cannot do (e.g. offer permessage-deflate, bind a source address), with the reason. */
    default Map<ClientFeature, String> unsupported() {
        return Map.of();
    }

    /** Creates the shared machinery (event loops, HTTP client) that many connections then share. */
    WsClient create(ClientOptions options) throws Exception;
}
