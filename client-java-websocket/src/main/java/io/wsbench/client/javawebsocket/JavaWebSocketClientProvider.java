package io.wsbench.client.javawebsocket;

import io.wsbench.core.LibraryVersion;
import io.wsbench.core.client.ClientFeature;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;

/**
 * Java-WebSocket's {@code WebSocketClient} as a load client. The library's design is one thread-owning client
 * per connection: each {@code WebSocketClient} has its own blocking socket and two threads of its own (a
 * connect/read thread and a write thread). Java-WebSocket 1.6.0 has no client on a shared selector (its NIO
 * selector is server-only), so {@link ClientOptions#ioThreads()} has nothing to size and the client's thread
 * count is twice its connection count: fine for tens or a few hundred connections, not for thousands
 * ({@link ClientFeature#MANY_CONNECTIONS}). permessage-deflate, a chosen source address and wss:// work.
 */
public final class JavaWebSocketClientProvider implements ClientProvider {

    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public String library() {
        return "Java-WebSocket " + LibraryVersion.of(WebSocketClient.class, "org.java-websocket", "Java-WebSocket");
    }

    @Override
    public Map<ClientFeature, String> unsupported() {
        return Map.of(ClientFeature.MANY_CONNECTIONS, "Java-WebSocket 1.6.0's WebSocketClient is one connection with"
                + " a blocking socket and two threads of its own (read and write); there is no shared-selector client,"
                + " so 10k connections would be 20k threads",
                ClientFeature.WIRE_BYTES, "wsbench counts socket bytes only in the Netty client (a handler at the head"
                + " of its pipeline); this client's socket is the library's own",
                ClientFeature.NO_CONTEXT_TAKEOVER, "its offer always asks for no context takeover both ways,"
                + " whatever ClientOptions.contextTakeover says, so it cannot be the client of an on/off comparison");
    }

    @Override
    public WsClient create(ClientOptions options) {
        return new JavaWebSocketWsClient(options);
    }
}
