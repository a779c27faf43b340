package io.wsbench.bench;

import io.wsbench.core.PemKeys;
import io.wsbench.bench.machine.CpuPinning;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.topology.ServerReplica;
import io.wsbench.topology.Topology;
import io.wsbench.topology.TopologyConfig;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A started topology (server JVM(s) behind nginx) pinned to the server CPUs, with its processes known so their
 * CPU and memory can be sampled. The one owner of the topology: close it (try-with-resources) and every process
 * stops.
 */
public final class SystemUnderTest implements AutoCloseable {
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(200);

    private final Topology topology;
    private final List<Long> nginxPids;

    private SystemUnderTest(Topology topology, List<Long> nginxPids) {
        this.topology = topology;
        this.nginxPids = List.copyOf(nginxPids);
    }

    /**
     * Starts {@code config} and pins its processes; stops everything again if pinning fails.
     *
     * @param nginxConf keeps the rendered nginx.conf for the report
     */
    public static SystemUnderTest start(TopologyConfig config, CpuPinning pinning, NginxConfCopy nginxConf)
            throws IOException {
        Topology topology = Topology.start(config);
        try {
            for (ServerReplica replica : topology.replicas()) {
                pinning.pinServerSide(replica.pid());
            }
            List<Long> nginx = topology.nginx().pids();
            for (long pid : nginx) {
                pinning.pinServerSide(pid);
            }
            if (config.broker()) {
                pinning.pinServerSide(topology.broker().pid()); // the broker serves the replicas: server side
            }
            nginxConf.keep(topology.nginx().configFile());
            return new SystemUnderTest(topology, nginx);
        } catch (IOException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    public Topology topology() {
        return topology;
    }

    public URI uri(Route route) {
        return route.uri(topology);
    }

    /** Trusts the certificate nginx serves wss:// with. */
    public SSLContext trust() throws IOException, GeneralSecurityException {
        return PemKeys.trusting(topology.certificate());
    }

    /** Starts sampling {@code server} (every replica JVM), {@code nginx} (master and workers) and {@code load} (us). */
    public ResourceSampler sample() {
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        groups.put("server", topology.replicas().stream().map(ServerReplica::pid).toList());
        groups.put("nginx", nginxPids);
        groups.put("load", List.of(ProcessHandle.current().pid()));
        return ResourceSampler.start(groups, SAMPLE_PERIOD);
    }

    /** Null while every server JVM runs; else which exited, with the end of its log. */
    public String deadServers() {
        String dead = topology.replicas().stream().filter(r -> !r.isAlive())
                .map(r -> r.name() + " exited; see " + r.log())
                .collect(Collectors.joining("; "));
        return dead.isEmpty() ? null : dead;
    }

    /** Why a measurement threw: a server JVM that died explains it better than the client's exception. */
    public String whyFailed(Exception e) {
        String dead = deadServers();
        return dead != null ? dead : Reasons.of(e);
    }

    @Override
    public void close() {
        topology.close();
    }

    /**
     * Ends the server JVMs at once, once a measurement's figures are taken, when an orderly shutdown would
     * close thousands of connections one by one ({@link Topology#killReplicas()}); {@link #close()} still
     * follows.
     */
    public void killServers() {
        topology.killReplicas();
    }
}
