package io.wsbench.bench;

import io.wsbench.core.Feature;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.TransportProvider;
import io.wsbench.core.Transports;
import io.wsbench.topology.ReferenceServer;
import io.wsbench.topology.ServerJvm;
import io.wsbench.topology.ServerReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stacks the bench can measure: the Java impls (each a {@link TransportProvider} on the server jar's classpath,
 * run in a server JVM) and the reference servers of issue 17 (each a {@link ReferenceServer} its own module
 * provides, run as its own executable). The bench measures both through the same SPEC §3 protocol; what
 * needs a JVM (a forced GC and the heap for the live set, JMH of the library's codec) is left out of a reference
 * row and the row says so.
 */
public final class Stacks {
    private Stacks() {
    }

    /** Every Java impl (the default selection), then every reference server: the order of the tables. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Transports.names());
        all.addAll(ReferenceServer.names());
        return all;
    }

    /** A reference server, not a Java impl: no JVM of ours to ask for a GC or a heap figure. */
    public static boolean isReference(String impl) {
        return ReferenceServer.named(impl).isPresent();
    }

    /** What {@code impl} declares it cannot do, with the reason (a Java impl's or a reference server's list). */
    public static Map<Feature, String> unsupported(String impl) {
        return ReferenceServer.named(impl).map(ReferenceServer::unsupported)
                .orElseGet(() -> Transports.find(impl).unsupported());
    }

    /**
     * Checks that a reference server can start (built, its runtime found) before anything runs.
     *
     * @throws IllegalStateException saying what to install or build
     */
    public static void requireRunnable(String impl) {
        ReferenceServer.named(impl).ifPresent(r -> r.command(System.getenv()));
    }

    /**
     * The library and version a stack runs: a Java impl's from its provider; a reference server's as it reports
     * itself on /metrics ({@code wsbench_server_info}), from a copy started for the purpose and stopped.
     */
    public static String library(String impl) {
        if (!isReference(impl)) {
            return Transports.find(impl).library();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wsbench-" + impl + "-");
            try (ServerReplica replica = ServerReplica.startOnFreePorts(impl, ServerConfig.defaults().withImpl(impl),
                    ServerJvm.current(), dir)) {
                return replica.library().orElse(impl + " (no wsbench_server_info on its /metrics)");
            }
        } catch (IOException e) {
            return impl + " (library unknown: " + e.getMessage() + ")";
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
