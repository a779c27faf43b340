package io.wsbench.impl.javawebsocket.client;

import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import io.wsbench.impl.javawebsocket.JavaWebSocketTransportProvider;

/**
 * Java-WebSocket's {@code WebSocketClient} as a load client. Every feature of the client SPI works; the cost is
 * the library's design: one {@code WebSocketClient} per connection, each with its own blocking socket and two
 * threads of its own (a connect/read thread and a write thread). Java-WebSocket 1.6.0 has no client on a shared
 * selector (its NIO selector is server-only), so {@link ClientOptions#ioThreads()} has nothing to size and the
 * client's thread count is twice its connection count.
 */
public final class JavaWebSocketClientProvider implements ClientProvider {

    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public String library() {
        return new JavaWebSocketTransportProvider().library(); // the same jar as the server adapter
    }

    @Override
    public WsClient create(ClientOptions options) {
        return new JavaWebSocketWsClient(options);
    }
}
