package io.wsbench.conformance;

import io.wsbench.core.Feature;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.TransportProvider;
import java.util.Map;

/** A Java impl ({@link TransportProvider} on the classpath), started in this JVM as core's NotificationServer. */
record JavaImpl(TransportProvider provider) implements ServerImpl {
    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public String library() {
        return provider.library();
    }

    @Override
    public Map<Feature, String> unsupported() {
        return provider.unsupported();
    }

    @Override
    public ServerUnderTest start(ServerConfig config) throws Exception {
        NotificationServer server = NotificationServer.start(provider, config);
        return new ServerUnderTest(server.config(), server.port(), server.adminPort(), server);
    }

    @Override
    public String toString() {
        return name();
    }
}
