package io.wsbench.conformance;

import io.wsbench.core.TransportProvider;
import io.wsbench.core.Transports;
import io.wsbench.topology.ReferenceServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The servers under test: every {@link TransportProvider} on the classpath (a new impl joins by being there), then
 * the reference servers on it ({@link ReferenceServer}, each found through its module), narrowed by
 * {@code -Dwsbench.impls=jetty,ref-go-gorilla}. A name in the filter that is neither is an error, not an empty run:
 * a conformance run that proved nothing must not look green.
 */
public final class Impls {
    static final String PROPERTY = "wsbench.impls";
    /** One each for the whole run: they number their processes' logs and remember the library they reported. */
    private static final List<ServerImpl> REFERENCES = ReferenceServer.all().stream()
            .<ServerImpl>map(ReferenceImpl::new).toList();

    private Impls() {
    }

    /** The {@code @MethodSource} behind {@link ForEachImpl}: one argument per server, shown by its name. */
    public static Stream<Arguments> underTest() {
        return selected().stream().map(impl -> Arguments.of(Named.of(impl.name(), impl)));
    }

    static List<ServerImpl> selected() {
        List<TransportProvider> java = Transports.all();
        if (java.isEmpty()) {
            throw new IllegalStateException("no server impl on the classpath: is wsbench-server built with its impl-* modules?");
        }
        List<ServerImpl> all = new ArrayList<>();
        java.forEach(p -> all.add(new JavaImpl(p)));
        all.addAll(REFERENCES);
        Set<String> wanted = wanted();
        if (wanted.isEmpty()) {
            return all;
        }
        Set<String> known = all.stream().map(ServerImpl::name).collect(Collectors.toSet());
        List<String> unknown = wanted.stream().filter(n -> !known.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names " + unknown + ", neither on the classpath nor a"
                    + " reference server; known: "
                    + all.stream().map(ServerImpl::name).collect(Collectors.joining(", ")));
        }
        return all.stream().filter(impl -> wanted.contains(impl.name())).toList();
    }

    private static Set<String> wanted() {
        String value = System.getProperty(PROPERTY, "");
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
