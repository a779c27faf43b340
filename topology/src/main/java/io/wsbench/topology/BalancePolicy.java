package io.wsbench.topology;

/**
 * How nginx picks a replica for a new WebSocket (once, at the handshake: the connection then stays there).
 * The directive is what {@code NGINX_UPSTREAM_POLICY} renders to in {@code nginx/nginx.conf.template}.
 */
public enum BalancePolicy {
    /** nginx's default: new connections in turn, whatever each replica already holds. */
    ROUND_ROBIN("round-robin", ""),
    /** The replica with the fewest open connections: suits long-lived connections. */
    LEAST_CONN("least_conn", "least_conn;"),
    /**
     * Sticky by client IPv4 /24 (the first three octets): every client behind one address, NAT, a Docker bridge
     * or one load generator lands on the same replica.
     */
    IP_HASH("ip_hash", "ip_hash;");

    private final String label;
    private final String directive;

    BalancePolicy(String label, String directive) {
        this.label = label;
        this.directive = directive;
    }

    /** The name users type ({@code NGINX_BALANCE} in render-conf.sh, result tables). */
    public String label() {
        return label;
    }

    public String directive() {
        return directive;
    }
}
