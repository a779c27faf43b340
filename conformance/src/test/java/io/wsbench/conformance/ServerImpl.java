package io.wsbench.conformance;

import io.wsbench.core.Feature;
import io.wsbench.core.ServerConfig;
import java.util.Map;

/**
 * A server stack every case runs against: a Java impl in this JVM ({@link JavaImpl}), or a reference server in a
 * process of its own ({@link ReferenceImpl}). A case sees only what both kinds expose: the ports, the config, and
 * the admin port's answers ({@link ServerUnderTest}).
 */
sealed interface ServerImpl permits JavaImpl, ReferenceImpl {
    /** The name users pass as {@code SERVER_IMPL} and {@code -Dwsbench.impls}. */
    String name();

    /** The library and version, as the server's {@code wsbench_server_info} names it. */
    String library();

    /** What the stack cannot do, with the reason; such a case ends "not supported", never faked. */
    Map<Feature, String> unsupported();

    /** Starts a server with {@code config} (ports 0: any free ones) and returns once it accepts connections. */
    ServerUnderTest start(ServerConfig config) throws Exception;
}
