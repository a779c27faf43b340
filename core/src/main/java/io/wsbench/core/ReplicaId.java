package io.wsbench.core;

import java.net.InetAddress;
import java.util.Map;

/**
 * Which replica this server process is, so a client behind a load balancer can tell where its connection
 * landed (the {@code whoami} command and {@code /health}). {@code REPLICA_ID} when set, else {@code HOSTNAME}
 * (in a container: the container id Docker gives it), else the host name the JVM resolves.
 */
public final class ReplicaId {
    private static final String CURRENT = of(System.getenv());

    private ReplicaId() {
    }

    public static String current() {
        return CURRENT;
    }

    static String of(Map<String, String> env) {
        for (String name : new String[] {"REPLICA_ID", "HOSTNAME"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
