package io.wsbench.impl.javawebsocket;

import io.wsbench.core.Feature;
import io.wsbench.core.Hub;
import io.wsbench.core.LibraryVersion;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import io.wsbench.core.TransportProvider;
import java.util.Map;
import org.java_websocket.server.WebSocketServer;

/** {@code SERVER_IMPL=java-websocket}: TooTallNate's Java-WebSocket (org.java-websocket:Java-WebSocket). */
public final class JavaWebSocketTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public String library() {
        return "Java-WebSocket " + LibraryVersion.of(WebSocketServer.class, "org.java-websocket", "Java-WebSocket");
    }

    @Override
    public Map<Feature, String> unsupported() {
        return Map.of(Feature.PLAIN_GET_STATUS, "Java-WebSocket 1.6.0 answers every rejected handshake with"
                + " 404 (WebSocketImpl.closeConnectionDueToWrongHandshake hard-codes it), so a plain GET at"
                + " WS_PATH cannot get 400/426",
                Feature.SERVER_CONTEXT_TAKEOVER, "Java-WebSocket 1.6.0's PerMessageDeflateExtension always answers"
                + " server_no_context_takeover and resets its Deflater after every message; turning that off breaks"
                + " the negotiation (TooTallNate/Java-WebSocket #1496)");
    }

    @Override
    public Transport start(ServerConfig config, Hub hub) throws Exception {
        return JavaWebSocketTransport.start(config, hub);
    }
}
