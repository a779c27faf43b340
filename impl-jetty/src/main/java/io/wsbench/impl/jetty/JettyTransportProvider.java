package io.wsbench.impl.jetty;

import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import io.wsbench.core.TransportProvider;
import org.eclipse.jetty.util.Jetty;

/**
 * Jetty 12 on its core (non-servlet) Handler API: {@code ServerWebSocketContainer} for the upgrade and the
 * Jetty WebSocket API ({@code Session.Listener}) for the endpoint. Limits, UTF-8 and protocol checks,
 * permessage-deflate (level via the server's {@code DeflaterPool}), the write deadline (websocket-core's frame
 * write timeout) and TLS are Jetty's own; the server ping (core {@code Heartbeat}) and the queued-bytes cap
 * (counted from send callbacks) are added because Jetty has none. Nothing in SPEC §3 is unsupported.
 */
public final class JettyTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public String library() {
        return "Jetty " + Jetty.VERSION;
    }

    @Override
    public Transport start(ServerConfig config, Hub hub) throws Exception {
        return JettyTransport.start(config, hub);
    }
}
