package io.wsbench.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K server replicas of one impl, each in its own JVM on its own loopback ports, behind one real nginx: the
 * setup of the design notes ({@code docker compose --scale ws-server=K} behind nginx) without containers. The
 * one owner of every process it starts: {@link #close()} stops them all, and so do this JVM's exit and its
 * death by SIGKILL (see {@code reaper.sh}).
 *
 * <pre>{@code
 * try (Topology t = Topology.start(TopologyConfig.of("netty").withReplicas(3))) {
 *     URI viaNginx = t.nginxWsUri();      // ws://127.0.0.1:<port>/ws-notifications
 *     URI viaTls = t.nginxWssUri();       // wss://localhost:<port>/..., trust t.certificate()
 *     URI direct = t.directWsUri(0);      // replica 0 without nginx (wss:// with withServerTls(true))
 *     long open = t.stubStatus().active();
 * }
 * }</pre>
 */
public final class Topology implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Topology.class);

    private final TopologyConfig config;
    private final Path directory;
    private final List<ServerReplica> replicas;
    private final NginxProcess nginx;
    /** Null unless the config asks for a broker; replaced by {@link #restartBroker()}. */
    private volatile NatsProcess broker;

    private Topology(TopologyConfig config, Path directory, List<ServerReplica> replicas, NginxProcess nginx,
                     NatsProcess broker) {
        this.config = config;
        this.directory = directory;
        this.replicas = List.copyOf(replicas);
        this.nginx = nginx;
        this.broker = broker;
    }

    /**
     * Starts the replicas (together), then nginx in front of them, and returns once every replica's
     * {@code /health} and nginx's {@code /status} answer.
     *
     * @throws IllegalStateException when there is no nginx binary (the message says how to install one)
     * @throws IOException when a process fails to start; whatever did start is stopped again
     */
    public static Topology start(TopologyConfig config) throws IOException {
        NginxBinary binary = NginxBinary.find();
        Path directory = Files.createTempDirectory("wsbench-topology-");
        List<ServerReplica> replicas = new ArrayList<>();
        NatsProcess broker = null;
        try {
            if (config.broker()) {
                broker = NatsProcess.start(directory.resolve("nats"));
                config = config.withServer(config.server().withBroker(
                        config.server().broker().withUrl(broker.url())));
            }
            PemCertificate tls = PemCertificate.make(directory.resolve("tls"));
            if (config.serverTls()) {
                config = config.withServer(config.server().withTls(tls.certificate(), tls.key()));
            }
            replicas.addAll(startReplicas(config, directory));
            List<String> upstreams = replicas.stream().map(ServerReplica::upstreamAddress).toList();
            NginxProcess nginx = NginxProcess.start(binary, config.nginx(), upstreams, config.server().path(),
                    directory.resolve("nginx"), tls, config.serverTls());
            LOG.info("topology up: {} x {} behind {} ({}), files in {}", replicas.size(), config.server().impl(),
                    binary.version(), config.nginx().balance().label(), directory);
            return new Topology(config, directory, replicas, nginx, broker);
        } catch (IOException | RuntimeException e) {
            stop(replicas, null);
            if (broker != null) {
                broker.close();
            }
            if (!config.keepFiles()) {
                delete(directory);
            }
            throw e;
        }
    }

    public TopologyConfig config() {
        return config;
    }

    /** Logs, the rendered nginx.conf and the certificate live here until close. */
    public Path directory() {
        return directory;
    }

    public List<ServerReplica> replicas() {
        return replicas;
    }

    public ServerReplica replica(int index) {
        return replicas.get(index);
    }

    public NginxProcess nginx() {
        return nginx;
    }

    /** The nats-server every replica publishes to and subscribes on, when the config asks for a broker. */
    public NatsProcess broker() {
        if (broker == null) {
            throw new IllegalStateException("this topology has no broker (TopologyConfig.withBroker(true))");
        }
        return broker;
    }

    /** SIGKILLs the broker: the replicas keep serving their own clients and try to reconnect. */
    public void killBroker() {
        broker().kill();
    }

    /** Starts the broker again on the same port; the replicas reconnect by themselves. */
    public void restartBroker() throws IOException {
        broker = broker().restart();
    }

    /** Replica {@code index} directly, no proxy. */
    public URI directWsUri(int index) {
        return replicas.get(index).wsUri();
    }

    public URI nginxWsUri() {
        return nginx.wsUri(config.server().path());
    }

    public URI nginxWssUri() {
        return nginx.wssUri(config.server().path());
    }

    /** What a wss:// client must trust: nginx's certificate, and the replicas' with {@code serverTls}. */
    public Path certificate() {
        return nginx.certificate();
    }

    public StubStatus stubStatus() throws IOException {
        return nginx.stubStatus();
    }

    /** Each replica's {@code /metrics}, in replica order. */
    public List<MetricsSnapshot> replicaMetrics() throws IOException {
        List<MetricsSnapshot> all = new ArrayList<>();
        for (ServerReplica replica : replicas) {
            all.add(replica.metrics());
        }
        return all;
    }

    /** {@code wsbench_connections_active} of each replica, in replica order. */
    public List<Integer> connectionsPerReplica() throws IOException {
        return replicaMetrics().stream().map(MetricsSnapshot::connectionsActive).toList();
    }

    /**
     * SIGKILLs every server replica (nginx stays up until {@link #close()}): for measurements that end holding
     * thousands of connections, where the replicas' orderly shutdown, a 1001 close to each, would take seconds
     * and measure nothing.
     */
    public void killReplicas() {
        replicas.forEach(ServerReplica::kill);
    }

    /** Stops nginx and every replica at once, waits for all, removes the directory (unless kept). */
    @Override
    public void close() {
        stop(replicas, nginx);
        if (broker != null) {
            broker.close();
        }
        if (!config.keepFiles()) {
            delete(directory);
        }
    }

    private static List<ServerReplica> startReplicas(TopologyConfig config, Path directory) throws IOException {
        ExecutorService starters = Executors.newFixedThreadPool(config.replicas());
        try {
            List<Future<ServerReplica>> starting = new ArrayList<>();
            for (int i = 1; i <= config.replicas(); i++) {
                String name = config.server().impl() + "-" + i;
                starting.add(starters.submit(
                        () -> ServerReplica.startOnFreePorts(name, config.server(), config.jvm(), directory)));
            }
            List<ServerReplica> started = new ArrayList<>();
            Exception failure = null;
            for (Future<ServerReplica> f : starting) {
                try {
                    started.add(f.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? (Exception) e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = e;
                }
            }
            if (failure != null) {
                stop(started, null);
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            return started;
        } finally {
            starters.shutdownNow();
        }
    }

    private static void stop(List<ServerReplica> replicas, NginxProcess nginx) {
        if (nginx != null) {
            nginx.requestStop();
        }
        replicas.forEach(ServerReplica::requestStop);
        if (nginx != null) {
            nginx.close();
        }
        replicas.forEach(ServerReplica::close);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove {}: {}", directory, e.toString());
        }
    }
}
