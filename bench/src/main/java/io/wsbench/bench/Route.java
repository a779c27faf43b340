package io.wsbench.bench;

import io.wsbench.topology.Topology;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * How the load reaches the server: straight to the replica, through nginx, through nginx terminating TLS, or
 * straight to a replica that terminates TLS itself (TLS_CERT/TLS_KEY: the library's own TLS, no nginx).
 */
public enum Route {
    DIRECT("direct"),
    NGINX("nginx"),
    NGINX_TLS("nginx+tls"),
    DIRECT_TLS("direct+tls");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The client speaks wss:// on this route. */
    public boolean tls() {
        return this == NGINX_TLS || this == DIRECT_TLS;
    }

    /** The route needs replicas that terminate TLS themselves ({@code TopologyConfig.withServerTls(true)}). */
    public boolean serverTls() {
        return this == DIRECT_TLS;
    }

    /** The routes a replica without TLS_CERT serves: every one but {@link #DIRECT_TLS}. */
    public static List<Route> plainServer() {
        return Arrays.stream(values()).filter(r -> !r.serverTls()).toList();
    }

    public URI uri(Topology topology) {
        if (serverTls() != topology.config().serverTls()) {
            throw new IllegalStateException("route " + label + " needs a topology " + (serverTls() ? "with" : "without")
                    + " TLS at the replicas (TopologyConfig.withServerTls)");
        }
        return switch (this) {
            case DIRECT, DIRECT_TLS -> topology.directWsUri(0);
            case NGINX -> topology.nginxWsUri();
            case NGINX_TLS -> topology.nginxWssUri();
        };
    }
}
