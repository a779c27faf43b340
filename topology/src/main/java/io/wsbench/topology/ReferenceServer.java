package io.wsbench.topology;

import io.wsbench.core.Feature;
import io.wsbench.core.ReferenceServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A reference server on the classpath ({@link ReferenceServerProvider}, listed by its own module): the same SPEC §3
 * server on a stack that is no JVM, built by that module into its {@code target/} and started as its own
 * executable with the same env vars as a Java replica. Nothing here names a stack: a new one joins by its module.
 */
public final class ReferenceServer {
    private static final String ACTIVE_PROCESSOR_COUNT = "-XX:ActiveProcessorCount=";
    /** Loaded once: the classpath does not change, and every replica start and report row asks. */
    private static final List<ReferenceServer> ALL = ServiceLoader.load(ReferenceServerProvider.class).stream()
            .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(ReferenceServerProvider::name))
            .map(ReferenceServer::new).toList();

    private final ReferenceServerProvider provider;

    private ReferenceServer(ReferenceServerProvider provider) {
        this.provider = provider;
    }

    /** Every reference server on the classpath, by name. */
    public static List<ReferenceServer> all() {
        return ALL;
    }

    public static Optional<ReferenceServer> named(String impl) {
        return all().stream().filter(r -> r.impl().equals(impl)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(ReferenceServer::impl).toList();
    }

    /** The name a topology is given as its impl ({@code SERVER_IMPL}), also the module's directory. */
    public String impl() {
        return provider.name();
    }

    /** What this server cannot do because its library cannot, with the reason ("not supported", never faked). */
    public Map<Feature, String> unsupported() {
        return provider.unsupported();
    }

    /**
     * What the JVM's {@code -XX:ActiveProcessorCount=N} among {@code jvmFlags} tells a Java server, in this
     * runtime's own terms (Go's {@code GOMAXPROCS}, read at start, before the bench pins the process).
     */
    public Map<String, String> processorEnvironment(List<String> jvmFlags) {
        return jvmFlags.stream().filter(f -> f.startsWith(ACTIVE_PROCESSOR_COUNT)).reduce((a, b) -> b)
                .map(f -> provider.processorEnvironment(Integer.parseInt(f.substring(ACTIVE_PROCESSOR_COUNT.length()))))
                .orElse(Map.of());
    }

    /** The file name of the process {@link #command} starts: its interpreter's, else its executable's. */
    public String processName() {
        return provider.runtime().map(ReferenceServerProvider.Runtime::name)
                .orElseGet(() -> Path.of(provider.arguments(Path.of("")).get(0)).getFileName().toString());
    }

    /**
     * The command that starts it: the process it names is the server itself, with no shell or launcher between.
     *
     * @throws IllegalStateException when it is not built or its runtime is missing; the message says what to install
     */
    public List<String> command(Map<String, String> env) {
        Path module = moduleDirectory();
        Path built = module.resolve(provider.builtFile());
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException(impl() + " is not built: no " + built + ". `mvn test` and `mvn -pl "
                    + impl() + " package` build it; that needs " + provider.toolchain() + " (the module's build"
                    + " installs them with apt-get when it runs as root)");
        }
        List<String> command = new ArrayList<>();
        provider.runtime().ifPresent(r -> {
            Executable runtime = new Executable(r.variable(), r.name(), r.usualPlaces());
            command.add(runtime.find(env).orElseThrow(() -> new IllegalStateException(impl() + " needs " + r.name()
                    + ", not found in " + runtime.lookedAt(env) + ": " + provider.toolchain())).toString());
        });
        command.addAll(provider.arguments(module));
        return command;
    }

    /**
     * The module's directory: under {@code -Dwsbench.root} when set, else under the working directory or the
     * nearest parent that has it (tests and the bench run in a module's directory of the same checkout).
     */
    private Path moduleDirectory() {
        String root = System.getProperty("wsbench.root");
        if (root != null && !root.isBlank()) {
            return Path.of(root).toAbsolutePath().resolve(impl());
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(impl()).resolve("pom.xml"))) {
                return dir.resolve(impl());
            }
        }
        throw new IllegalStateException("no " + impl() + "/ module in " + start + " or a parent; run from a wsbench"
                + " checkout or set -Dwsbench.root");
    }

    @Override
    public String toString() {
        return impl();
    }
}
