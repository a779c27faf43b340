package io.wsbench.conformance;

import io.wsbench.core.Feature;
import io.wsbench.core.ServerConfig;
import io.wsbench.topology.ReferenceServer;
import io.wsbench.topology.ServerJvm;
import io.wsbench.topology.ServerReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference server (one not on the JVM, found through its module's provider) as its own process, started by topology's
 * {@link ServerReplica} with the SPEC's env vars, as the bench starts it. Its log goes to
 * {@code target/reference-servers/<impl>-<n>.log}. Not built (its toolchain missing): every case fails with
 * what to install, and the Java impls still run.
 */
final class ReferenceImpl implements ServerImpl {
    private static final Path LOGS = Path.of("target", "reference-servers").toAbsolutePath();

    private final ReferenceServer server;
    private final AtomicInteger started = new AtomicInteger();
    private volatile String library;

    ReferenceImpl(ReferenceServer server) {
        this.server = server;
    }

    @Override
    public String name() {
        return server.impl();
    }

    /** Known once one of them has run: the server reports it on its /metrics ({@code wsbench_server_info}). */
    @Override
    public String library() {
        String seen = library;
        return seen != null ? seen : "library unknown: " + name() + " never started";
    }

    @Override
    public Map<Feature, String> unsupported() {
        return server.unsupported();
    }

    @Override
    public ServerUnderTest start(ServerConfig config) throws Exception {
        try {
            server.command(System.getenv()); // not built, no node: say so before any process starts
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; or leave it out with -D" + Impls.PROPERTY
                    + "=<the Java impls>", e);
        }
        Files.createDirectories(LOGS);
        ServerReplica replica = ServerReplica.startOnFreePorts(name() + "-" + started.incrementAndGet(),
                config.withImpl(name()), ServerJvm.current(), LOGS);
        ServerUnderTest running = new ServerUnderTest(replica.config(), replica.config().port(),
                replica.config().adminPort(), replica);
        try {
            if (library == null) {
                library = replica.library().orElse(null);
            }
            return running;
        } catch (Exception e) {
            running.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
