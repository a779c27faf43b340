package io.wsbench.topology;

import io.wsbench.core.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference servers: the same SPEC §3 server on a non-JVM stack (the design notes' Go and gorilla/websocket;
 * Node.js and ws), each built by its own module into its {@code target/} and started as its own executable with
 * the same env vars as a Java replica. They are not {@code TransportProvider}s: nothing of core runs in them, so
 * the bench can show them beside the Java impls as reference rows.
 */
public enum ReferenceServer {
    /** {@code ref-go-gorilla/target/ref-go-gorilla}, a static Go binary. */
    GO_GORILLA("ref-go-gorilla", "target/ref-go-gorilla",
            "Go and gorilla/websocket from Debian: apt-get install -y golang-go golang-github-gorilla-websocket-dev"),
    /** {@code node ref-node-ws/target/ref-node-ws/server.js}, with ws installed beside it by {@code npm ci}. */
    NODE_WS("ref-node-ws", "target/ref-node-ws/node_modules/ws/package.json",
            "Node.js and npm: apt-get install -y nodejs npm");

    private static final String ACTIVE_PROCESSOR_COUNT = "-XX:ActiveProcessorCount=";

    /** Where node is found: {@code NODE_BIN}, else PATH, else the usual places. */
    private static final Executable NODE = new Executable("NODE_BIN", "node",
            List.of("/usr/bin/node", "/usr/local/bin/node"));

    private final String impl;
    private final String builtFile;
    private final String toolchain;

    ReferenceServer(String impl, String builtFile, String toolchain) {
        this.impl = impl;
        this.builtFile = builtFile;
        this.toolchain = toolchain;
    }

    /** The name a topology is given as its impl ({@code SERVER_IMPL}), also the module's directory. */
    public String impl() {
        return impl;
    }

    /**
     * What this server cannot do because its library cannot, with the reason: what a Java impl declares in
     * {@code TransportProvider.unsupported()}, and reported the same way ("not supported", never faked).
     */
    public Map<Feature, String> unsupported() {
        return switch (this) {
            case GO_GORILLA -> Map.of(Feature.SERVER_CONTEXT_TAKEOVER, "gorilla/websocket 1.5.0 supports only"
                    + " the \"no context takeover\" modes of permessage-deflate (Upgrader.EnableCompression): every"
                    + " answer says server_no_context_takeover; client_no_context_takeover",
                    Feature.CLOSE_PAYLOAD_LENGTH, "gorilla/websocket 1.5.0 reads a close payload shorter than 2 bytes"
                    + " as \"no status\" (Conn.advanceFrame) and answers it with an empty close; its close handler"
                    + " gets 1005 for an empty and a 1-byte payload alike, so the server cannot tell them apart");
            case NODE_WS -> Map.of();
        };
    }

    /**
     * What the JVM's {@code -XX:ActiveProcessorCount=N} among {@code jvmFlags} tells a Java server (size your
     * thread pools for N CPUs: the bench pins the server side to them), said in this runtime's own terms: Go's
     * {@code GOMAXPROCS}, read at start, before the bench pins the process. Node.js runs its JavaScript on one
     * event loop whatever the CPUs, so it needs none.
     */
    public Map<String, String> processorEnvironment(List<String> jvmFlags) {
        if (this != GO_GORILLA) {
            return Map.of();
        }
        return jvmFlags.stream().filter(f -> f.startsWith(ACTIVE_PROCESSOR_COUNT)).reduce((a, b) -> b)
                .map(f -> Map.of("GOMAXPROCS", f.substring(ACTIVE_PROCESSOR_COUNT.length()))).orElse(Map.of());
    }

    public static Optional<ReferenceServer> named(String impl) {
        return Arrays.stream(values()).filter(r -> r.impl.equals(impl)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ReferenceServer::impl).toList();
    }

    /**
     * The command that starts it: the process it names is the server itself (its pid is the one whose RSS and CPU
     * the bench reads), with no shell or launcher in between.
     *
     * @throws IllegalStateException when it is not built or node is missing; the message says what to install
     */
    public List<String> command(Map<String, String> env) {
        Path module = moduleDirectory();
        Path built = module.resolve(builtFile);
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException(impl + " is not built: no " + built + ". `mvn test` and `mvn -pl " + impl
                    + " package` build it; that needs " + toolchain + " (the module's build installs them with"
                    + " apt-get when it runs as root)");
        }
        return switch (this) {
            case GO_GORILLA -> List.of(built.toString());
            case NODE_WS -> List.of(NODE.find(env).orElseThrow(() -> new IllegalStateException(
                            impl + " needs node, not found in " + NODE.lookedAt(env) + ": " + toolchain))
                    .toString(), module.resolve("target/ref-node-ws/server.js").toString());
        };
    }

    /**
     * The module's directory: under {@code -Dwsbench.root} when set, else under the working directory or the
     * nearest parent that has it (tests and the bench run in a module's directory of the same checkout).
     */
    private Path moduleDirectory() {
        String root = System.getProperty("wsbench.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath().resolve(impl);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(impl).resolve("pom.xml"))) {
                return dir.resolve(impl);
            }
        }
        throw new IllegalStateException("no " + impl + "/ module in " + start + " or a parent; run from a wsbench"
                + " checkout or set -Dwsbench.root");
    }
}
