package io.wsbench.impl.javawebsocket;

import io.wsbench.core.Feature;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import io.wsbench.core.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.java_websocket.server.WebSocketServer;

/** {@code SERVER_IMPL=java-websocket}: TooTallNate's Java-WebSocket (org.java-websocket:Java-WebSocket). */
public final class JavaWebSocketTransportProvider implements TransportProvider {
    /** The jar has no Implementation-Version; its Maven metadata is the one place the version is written. */
    private static final String POM_PROPERTIES = "/META-INF/maven/org.java-websocket/Java-WebSocket/pom.properties";

    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public String library() {
        return "Java-WebSocket " + version();
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

    private static String version() {
        try (InputStream in = WebSocketServer.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        String v = WebSocketServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
