package io.wsbench.containers;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The compose setup started by Testcontainers: {@code replicas} ws-server containers of one impl on a fresh
 * network, all under the alias {@code ws-server}, and the wsbench nginx container in front (the same template,
 * rendered by nginx/render-conf.sh at container start, upstream = every address the alias resolves to).
 * nginx's 80 and 443 are published on the Docker host for the test's clients.
 */
final class ContainerStack implements AutoCloseable {
    static final String SERVER_IMAGE = setting("wsbench.server.image", "WSBENCH_SERVER_IMAGE", "wsbench/ws-server:latest");
    static final String NGINX_IMAGE = setting("wsbench.nginx.image", "WSBENCH_NGINX_IMAGE", "wsbench/nginx:latest");
    static final String WS_PATH = "/ws-notifications";

    private final Network network;
    private final List<GenericContainer<?>> replicas = new ArrayList<>();
    private final GenericContainer<?> nginx;
    private final Path certificate;

    private ContainerStack(String impl, int replicaCount, Map<String, String> serverEnv, Map<String, String> nginxEnv,
                           Path certDir) {
        network = Network.newNetwork();
        certificate = certDir.resolve("localhost.pem");
        try {
            for (int i = 0; i < replicaCount; i++) {
                GenericContainer<?> replica = new GenericContainer<>(SERVER_IMAGE)
                        .withNetwork(network)
                        .withNetworkAliases("ws-server")
                        .withEnv("SERVER_IMPL", impl)
                        .withEnv(serverEnv)
                        .withExposedPorts(8001)
                        .waitingFor(Wait.forHttp("/health").forPort(8001).withStartupTimeout(Duration.ofMinutes(2)));
                replicas.add(replica);
            }
            replicas.parallelStream().forEach(GenericContainer::start);
            nginx = new GenericContainer<>(NGINX_IMAGE)
                    .withNetwork(network)
                    .withNetworkAliases("nginx")
                    .withCopyFileToContainer(MountableFile.forHostPath(certificate, 0644), "/etc/nginx/certs/localhost.pem")
                    .withCopyFileToContainer(MountableFile.forHostPath(certDir.resolve("localhost-key.pem"), 0644),
                            "/etc/nginx/certs/localhost-key.pem")
                    .withEnv("NGINX_UPSTREAM_SERVERS", "server ws-server:8000;")
                    .withEnv("NGINX_WORKER_RLIMIT_NOFILE", "16384")
                    .withEnv("NGINX_WORKER_CONNECTIONS", "8192")
                    .withEnv(nginxEnv)
                    .withExposedPorts(80, 443)
                    // location / answers 404: nginx is up and serving
                    .waitingFor(Wait.forHttp("/").forPort(80).forStatusCode(404)
                            .withStartupTimeout(Duration.ofMinutes(1)));
            nginx.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static ContainerStack start(String impl, int replicas, Map<String, String> serverEnv, Map<String, String> nginxEnv)
            throws Exception {
        return new ContainerStack(impl, replicas, serverEnv, nginxEnv, certificates());
    }

    URI wss() {
        return URI.create("wss://localhost:" + nginx.getMappedPort(443) + WS_PATH);
    }

    URI ws() {
        return URI.create("ws://" + nginx.getHost() + ":" + nginx.getMappedPort(80) + WS_PATH);
    }

    Path certificate() {
        return certificate;
    }

    /** Each replica's id as its whoami reports it: the container's host name, which Docker sets. */
    Set<String> replicaIds() {
        Set<String> ids = new TreeSet<>();
        for (GenericContainer<?> r : replicas) {
            ids.add(r.getContainerInfo().getConfig().getHostName());
        }
        return ids;
    }

    String nginxLogs() {
        return nginx == null ? "" : nginx.getLogs();
    }

    @Override
    public void close() {
        if (nginx != null) {
            nginx.stop();
        }
        replicas.forEach(GenericContainer::stop);
        network.close();
    }

    /** nginx/gen-cert.sh's pair (SAN localhost), made once per build in target/. */
    static synchronized Path certificates() throws Exception {
        Path dir = Path.of("target", "container-certs").toAbsolutePath();
        if (!Files.exists(dir.resolve("localhost.pem"))) {
            Path script = Path.of("..", "nginx", "gen-cert.sh").toAbsolutePath().normalize();
            Process p = new ProcessBuilder("sh", script.toString(), dir.toString()).inheritIO().start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed");
            }
        }
        return dir;
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? fallback : v;
    }
}
