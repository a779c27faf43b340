package io.wsbench.topology;

import io.wsbench.core.Transports;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The impls the end-to-end tests run against: every server impl on the classpath ({@link Transports#names()}),
 * narrowed by {@code -Dwsbench.impls=jetty,netty}. A requested name that is not there is an error: a run
 * that tested nothing must not look green.
 */
public final class Impls {
    private Impls() {
    }

    /** The {@code @MethodSource} behind {@link ForEachImpl}. */
    public static Stream<String> names() {
        List<String> all = Transports.names();
        if (all.isEmpty()) {
            throw new IllegalStateException("no server impl on the classpath: is wsbench-server built?");
        }
        Set<String> wanted = Arrays.stream(System.getProperty("wsbench.impls", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return all.stream();
        }
        List<String> unknown = wanted.stream().filter(n -> !all.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("wsbench.impls names " + unknown + ", not on the classpath; known: "
                    + String.join(", ", all));
        }
        return all.stream().filter(wanted::contains);
    }
}
