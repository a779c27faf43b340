package io.wsbench.bench;

import io.wsbench.core.client.ClientProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The load clients on the classpath ({@link ClientProvider}s found by ServiceLoader), by name. */
public final class LoadClients {
    /**
     * Used when {@code -Dbench.client} is not given: the client that costs the load generator least CPU per
     * message once warm, so the load's CPU is least often the limit. The clients scenario measures it: Netty's
     * shared event loop needed about half the CPU per echo of java.net.http's WebSocket. On a machine busy with
     * other work the JDK client, with more threads, can get more CPU time and so reach more msgs/s; with the load
     * CPU to itself, the cheaper client goes further. Netty also binds source addresses and offers
     * permessage-deflate, which the JDK client cannot.
     */
    public static final String DEFAULT = "netty";

    private LoadClients() {
    }

    public static List<ClientProvider> all() {
        return ServiceLoader.load(ClientProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ClientProvider::name)).toList();
    }

    public static List<String> names() {
        return all().stream().map(ClientProvider::name).toList();
    }

    /** @param name a client's name, or blank for {@link #DEFAULT} */
    public static ClientProvider find(String name) {
        String wanted = name == null || name.isBlank() ? DEFAULT : name.strip();
        return all().stream().filter(p -> p.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown load client '" + wanted
                        + "'; known clients: " + String.join(", ", names())));
    }
}
