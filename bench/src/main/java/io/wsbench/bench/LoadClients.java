package io.wsbench.bench;

import io.wsbench.core.client.ClientProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The load clients on the classpath ({@link ClientProvider}s found by ServiceLoader), by name. */
public final class LoadClients {
    /**
     * Used when {@code -Dbench.client} is not given. To be replaced by whichever client the clients scenario
     * measures as driving the most load per CPU; until there is a second client, the only one.
     */
    public static final String DEFAULT = "jdk-httpclient";

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
