package io.wsbench.impl.undertow;

import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;

/** Called on the connection's IO thread once the upgrade is done: wires one channel to the hub. */
final class WebSocketEndpoint implements WebSocketConnectionCallback {
    private final ServerConfig config;
    private final Hub hub;
    private final Heartbeat heartbeat;

    WebSocketEndpoint(ServerConfig config, Hub hub, Heartbeat heartbeat) {
        this.config = config;
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        UndertowConnection connection = new UndertowConnection(channel, hub, config, heartbeat);
        channel.getReceiveSetter().set(new MessageReader(connection, hub, config.readLimit()));
        channel.addCloseTask(closed -> connection.closed());
        hub.opened(connection);
        // receives start only now, so the hub never sees a message before the connection is open
        channel.resumeReceives();
    }
}
