package io.wsbench.conformance;

import io.wsbench.core.TransportProvider;
import io.wsbench.core.Transports;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The server impls under test: every {@link TransportProvider} on the classpath (a new impl joins by being
 * there), narrowed by {@code -Dwsbench.impls=jetty,netty}. A name in the filter that is not on the classpath is
 * an error, not an empty run: a conformance run that proved nothing must not look green.
 */
public final class Impls {
    static final String PROPERTY = "wsbench.impls";

    private Impls() {
    }

    /** The {@code @MethodSource} behind {@link ForEachImpl}: one argument per impl, shown by its name. */
    public static Stream<Arguments> underTest() {
        return selected().stream().map(p -> Arguments.of(Named.of(p.name(), p)));
    }

    static List<TransportProvider> selected() {
        List<TransportProvider> all = Transports.all();
        Set<String> wanted = wanted();
        if (all.isEmpty()) {
            throw new IllegalStateException("no server impl on the classpath: is wsbench-server built with its impl-* modules?");
        }
        if (wanted.isEmpty()) {
            return all;
        }
        Set<String> known = all.stream().map(TransportProvider::name).collect(Collectors.toSet());
        List<String> unknown = wanted.stream().filter(n -> !known.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names " + unknown + ", not on the classpath; known impls: "
                    + all.stream().map(TransportProvider::name).collect(Collectors.joining(", ")));
        }
        return all.stream().filter(p -> wanted.contains(p.name())).toList();
    }

    private static Set<String> wanted() {
        String value = System.getProperty(PROPERTY, "");
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
