package io.wsbench.bench;

import io.wsbench.bench.machine.CpuPinning;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.topology.NginxConfig;
import io.wsbench.topology.TopologyConfig;
import java.util.List;

/**
 * What is the same for every impl and scenario of a run: the profile, the CPU layout, the load client, the
 * server JVM's flags (identical for every impl, so heap and GC are never what differs between rows) and
 * nginx's settings.
 *
 * @param nginxConf    where the first rendered nginx.conf is kept for the report
 */
public record BenchSetup(Profile profile, CpuPinning pinning, ClientProvider client, List<String> serverJvmFlags,
                         NginxConfig nginx, boolean keepFiles, NginxConfCopy nginxConf) {

    /** Heap fixed (no resizing during a run), G1 as on any current JDK; the pinning adds the CPU count. */
    public static final List<String> SERVER_JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    /** Per nginx worker; each proxied connection takes two. Capacity runs raise it. */
    public static final int NGINX_WORKER_CONNECTIONS = 16384;

    public BenchSetup {
        serverJvmFlags = List.copyOf(serverJvmFlags);
    }

    /** One replica of {@code impl} with the bench's JVM flags and nginx settings; scenarios adjust with with…(). */
    public TopologyConfig topology(String impl) {
        TopologyConfig base = TopologyConfig.of(impl);
        return base.withJvm(base.jvm().withFlags(serverJvmFlags)).withNginx(nginx).withKeepFiles(keepFiles);
    }

    /** The same setup with another load client (the clients scenario drives the same load with each). */
    public BenchSetup withClient(ClientProvider other) {
        return new BenchSetup(profile, pinning, other, serverJvmFlags, nginx, keepFiles, nginxConf);
    }

    /** The load client's options: as many I/O threads as the load has CPUs. */
    public ClientOptions clientOptions() {
        return ClientOptions.defaults().withIoThreads(pinning.loadCpuCount());
    }

    /** nginx as the bench runs it: one worker per server CPU. */
    public static NginxConfig nginxConfig(CpuPinning pinning) {
        int workers = pinning.active() ? pinning.serverCpus().size() : 0;
        return NginxConfig.defaults().withWorkers(workers, NGINX_WORKER_CONNECTIONS);
    }
}
