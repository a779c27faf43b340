package io.wsbench.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Topologies for the end-to-end tests. Their run directories (server logs, nginx error and access logs, the
 * rendered nginx.conf) are removed after a passing test and kept after a failing one, with the path printed:
 * on a shared, noisy machine a failure has to be explained from its logs, not rerun.
 */
final class TestTopologies implements AfterEachCallback {
    /**
     * Small, quick-starting server JVMs: the tests start dozens of them on a shared machine and measure nothing.
     * (The bench sets its own flags, the same for every impl.)
     */
    static final List<String> TEST_JVM_FLAGS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private static final List<Path> STARTED = new ArrayList<>();

    /** One replica of {@code impl}, SPEC defaults, nginx defaults. */
    static TopologyConfig of(String impl) {
        TopologyConfig base = TopologyConfig.of(impl);
        return base.withJvm(base.jvm().withFlags(TEST_JVM_FLAGS));
    }

    static Topology start(TopologyConfig config) throws IOException {
        Topology topology = Topology.start(config.withKeepFiles(true));
        synchronized (STARTED) {
            STARTED.add(topology.directory());
        }
        return topology;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Path> dirs;
        synchronized (STARTED) {
            dirs = List.copyOf(STARTED);
            STARTED.clear();
        }
        boolean failed = context.getExecutionException().isPresent();
        for (Path dir : dirs) {
            if (failed) {
                System.err.println(context.getDisplayName() + " failed; its topology's logs are in " + dir);
            } else {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory; nothing to do
        }
    }
}
