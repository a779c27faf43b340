package io.wsbench.impl.undertow;

import io.undertow.Version;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import io.wsbench.core.TransportProvider;

/**
 * Undertow's own WebSocket API ({@code undertow-core}: {@code WebSocketProtocolHandshakeHandler},
 * {@code AbstractReceiveListener}, {@code WebSockets.send*}), with no servlet or JSR-356 layer on top.
 */
public final class UndertowTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public String library() {
        return "Undertow " + Version.getVersionString();
    }

    @Override
    public Transport start(ServerConfig config, Hub hub) {
        return UndertowServer.start(config, hub);
    }
}
