package io.wsbench.bench;

import io.wsbench.topology.Topology;
import java.net.URI;

/** How the load reaches the server: straight to the replica, through nginx, or through nginx terminating TLS. */
public enum Route {
    DIRECT("direct"),
    NGINX("nginx"),
    NGINX_TLS("nginx+tls");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean tls() {
        return this == NGINX_TLS;
    }

    public URI uri(Topology topology) {
        return switch (this) {
            case DIRECT -> topology.directWsUri(0);
            case NGINX -> topology.nginxWsUri();
            case NGINX_TLS -> topology.nginxWssUri();
        };
    }
}
