package io.wsbench.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reference server (issue 17): the same SPEC §3 server on a stack that is no JVM (the design notes' Go and
 * gorilla/websocket; Node.js and ws), built by its own module and started as its own executable with the env vars
 * a Java replica gets. Nothing of core runs in it, so it is no {@link TransportProvider}; the bench shows it beside
 * the Java impls as a reference row. Its module lists one in
 * {@code META-INF/services/io.wsbench.core.ReferenceServerProvider}; the topology, the bench and the conformance
 * suite find it there and never name a stack.
 */
public interface ReferenceServerProvider {

    /** The name a topology is given as its impl ({@code SERVER_IMPL}), also the module's directory. */
    String name();

    /** What to install for the module to build and the server to run, said when either is missing. */
    String toolchain();

    /** The file the module's build leaves, relative to the module's directory: there once it is built. */
    String builtFile();

    /**
     * The command that starts it, paths resolved against {@code module}, the module's directory; after
     * {@link #runtime()}'s interpreter when there is one. The process it starts is the server itself (its pid is
     * the one whose RSS and CPU the bench reads), with no shell or launcher in between.
     */
    List<String> arguments(Path module);

    /** The interpreter that runs {@link #arguments}, found on the machine; empty for a native executable. */
    default Optional<Runtime> runtime() {
        return Optional.empty();
    }

    /**
     * What this server cannot do because its library cannot, with the reason: what a Java impl declares in
     * {@link TransportProvider#unsupported()}, and reported the same way ("not supported", never faked).
     */
    default Map<Feature, String> unsupported() {
        return Map.of();
    }

    /**
     * What a JVM's {@code -XX:ActiveProcessorCount=processors} tells a Java server (size your thread pools for
     * that many CPUs: the bench pins the server side to them), said in this runtime's own terms, e.g. Go's
     * {@code GOMAXPROCS}; empty when the runtime needs none.
     */
    default Map<String, String> processorEnvironment(int processors) {
        return Map.of();
    }

    /**
     * An interpreter: the path in its own variable when that is set, else the first {@code name} on PATH, else the
     * usual install places.
     *
     * @param variable    e.g. {@code NODE_BIN}
     * @param name        the file name looked for on PATH
     * @param usualPlaces absolute paths tried after PATH
     */
    record Runtime(String variable, String name, List<String> usualPlaces) {
    }
}
