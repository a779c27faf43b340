package io.wsbench.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a server replica's JVM is started: {@code <java> <flags> -cp <classpath> io.wsbench.core.ServerMain}.
 * The classpath must hold core, the impl to run and an SLF4J binding: the test JVM's own classpath does (it
 * has wsbench-server on it), and so does {@code server/target/wsbench-server.jar}. The bench passes the same
 * flags to every impl, so heap and GC are never what differs between rows.
 */
public record ServerJvm(Path java, String classpath, List<String> flags) {

    public ServerJvm {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classpath, "classpath");
        flags = List.copyOf(flags);
    }

    /** The running JVM's java binary and classpath, no flags. */
    public static ServerJvm current() {
        return new ServerJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of());
    }

    public ServerJvm withClasspath(String v) {
        return new ServerJvm(java, v, flags);
    }

    public ServerJvm withFlags(List<String> v) {
        return new ServerJvm(java, classpath, v);
    }
}
