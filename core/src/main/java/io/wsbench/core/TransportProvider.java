package io.wsbench.core;

import java.util.Map;

/**
 * One WebSocket stack, found by {@link java.util.ServiceLoader} under a short name ({@code netty},
 * {@code jetty}, ...). Each {@code impl-*} module ships exactly one, listed in
 * {@code META-INF/services/io.wsbench.core.TransportProvider}.
 */
public interface TransportProvider {

    /** The short name users pass as {@code SERVER_IMPL}. */
    String name();

    /** The library and version actually on the classpath, e.g. {@code "Jetty 12.1.10"}, for the results. */
    String library();

    /**
     * What this stack cannot do, with the reason (a library limitation, a known bug and its issue number).
     * Conformance and the bench report these as "not supported" instead of a number; the adapter never
     * fakes them.
     */
    default Map<Feature, String> unsupported() {
        return Map.of();
    }

    /**
     * Binds the WebSocket endpoint at {@code config.path()} on {@code config.host():config.port()} and hands
     * every connection's events to the hub. Returns once the port accepts connections.
     */
    Transport start(ServerConfig config, Hub hub) throws Exception;
}
