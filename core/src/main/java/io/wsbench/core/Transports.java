package io.wsbench.core;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The stacks on the classpath, by short name. */
public final class Transports {
    private Transports() {
    }

    public static List<TransportProvider> all() {
        return ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(TransportProvider::name))
                .toList();
    }

    public static List<String> names() {
        return all().stream().map(TransportProvider::name).toList();
    }

    /** @throws IllegalArgumentException naming the known impls when {@code name} is not one of them */
    public static TransportProvider find(String name) {
        List<TransportProvider> all = all();
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown impl '" + name + "'; known impls: "
                        + all.stream().map(TransportProvider::name).collect(Collectors.joining(", "))));
    }
}
