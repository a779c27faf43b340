package io.wsbench.topology;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real nginx in a prefix directory of its own, configured from {@code nginx/nginx.conf.template}: plain
 * {@code ws://} and {@code wss://} (a {@link PemCertificate}) on two loopback ports in front of the given
 * replicas, proxying to them in plain HTTP or, when they terminate TLS themselves, re-encrypted, {@code /status} for stub_status. Runs in the foreground ({@code daemon off}) as
 * our child, with every path it writes (pid, logs, temp directories) inside the prefix, so it needs no root
 * and leaves nothing behind in /var or /run.
 *
 * <p>Layout: {@code nginx.conf}, {@code logs/error.log}, {@code logs/access.log}, {@code run/} (pid, temp
 * directories), {@code nginx.out} (its stdout/stderr).
 */
public final class NginxProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NginxProcess.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    private final NginxBinary binary;
    private final NginxConfig config;
    private final Path prefix;
    private final int httpPort;
    private final int httpsPort;
    private final PemCertificate tls;
    private final ChildProcess process;

    private NginxProcess(NginxBinary binary, NginxConfig config, Path prefix, int httpPort, int httpsPort,
                         PemCertificate tls, ChildProcess process) {
        this.binary = binary;
        this.config = config;
        this.prefix = prefix;
        this.tls = tls;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.process = process;
    }

    /**
     * Starts nginx in {@code prefix} (created if needed) and waits until {@code /status} answers.
     *
     * @param upstreams {@code host:port} of each replica
     * @param wsPath    the servers' WS_PATH, the only proxied location
     * @param tls          what {@code wss://} is served with
     * @param tlsUpstreams the replicas terminate TLS themselves: {@code proxy_pass https://}
     */
    public static NginxProcess start(NginxBinary binary, NginxConfig config, List<String> upstreams, String wsPath,
                                     Path prefix, PemCertificate tls, boolean tlsUpstreams) throws IOException {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("nginx needs at least one upstream replica");
        }
        prepare(prefix);
        IOException lastPortClash = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int[] ports = FreePorts.allocate(HOST, 2);
            Map<String, String> values = values(config, upstreams, tlsUpstreams, wsPath, prefix, ports[0], ports[1],
                    tls);
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, NginxTemplate.bundled().render(values));
            checkConfig(binary, prefix, conf);
            ChildProcess process = ChildProcess.start("nginx", command(binary, prefix, conf, false), System.getenv(),
                    prefix, prefix.resolve("nginx.out"));
            NginxProcess nginx = new NginxProcess(binary, config, prefix, ports[0], ports[1], tls, process);
            try {
                nginx.awaitReady();
                LOG.info("{} pid {}: {} and {} -> {} replica(s), {}, proxy_read_timeout {}", binary.version(),
                        process.pid(), nginx.wsUri(wsPath), nginx.wssUri(wsPath), upstreams.size(),
                        config.balance().label(), NginxConfig.nginxTime(config.proxyReadTimeout()));
                return nginx;
            } catch (IOException e) {
                nginx.close();
                if (!FreePorts.mentionsPortInUse(e.getMessage())) {
                    throw e;
                }
                LOG.info("nginx: a port was taken before nginx bound it; retrying with new ports");
                lastPortClash = e;
            }
        }
        throw lastPortClash;
    }

    /** Every placeholder of the template, for this prefix and these replicas. */
    static Map<String, String> values(NginxConfig config, List<String> upstreams, boolean tlsUpstreams, String wsPath,
                                      Path prefix, int httpPort, int httpsPort, PemCertificate tls) {
        Map<String, String> v = new HashMap<>();
        v.put("WS_PATH", wsPath);
        v.put("NGINX_LISTEN_ADDRESS", HOST);
        v.put("NGINX_REUSEPORT", config.reusePort() ? " reuseport" : "");
        v.put("NGINX_HTTP_PORT", Integer.toString(httpPort));
        v.put("NGINX_HTTPS_PORT", Integer.toString(httpsPort));
        v.put("NGINX_SERVER_NAME", "localhost");
        v.put("NGINX_TLS_CERT", tls.certificate().toAbsolutePath().toString());
        v.put("NGINX_TLS_KEY", tls.key().toAbsolutePath().toString());
        v.put("NGINX_UPSTREAM_SCHEME", tlsUpstreams ? "https" : "http");
        v.put("NGINX_UPSTREAM_POLICY", config.balance().directive());
        v.put("NGINX_UPSTREAM_SERVERS", upstreams.stream().map(u -> "server " + u + ";")
                .collect(Collectors.joining("\n        ")));
        v.put("NGINX_PROXY_READ_TIMEOUT", NginxConfig.nginxTime(config.proxyReadTimeout()));
        v.put("NGINX_PROXY_SEND_TIMEOUT", NginxConfig.nginxTime(config.proxySendTimeout()));
        v.put("NGINX_PROXY_CONNECT_TIMEOUT", NginxConfig.nginxTime(config.proxyConnectTimeout()));
        v.put("NGINX_CLIENT_MAX_BODY_SIZE", config.clientMaxBodySize());
        v.put("NGINX_STATUS_ALLOW", HOST);
        v.put("NGINX_WORKER_PROCESSES", config.workerProcesses() == 0 ? "auto"
                : Integer.toString(config.workerProcesses()));
        v.put("NGINX_WORKER_CONNECTIONS", Integer.toString(config.workerConnections()));
        // Each connection is a file; room for listeners and logs on top. Above the hard limit nginx logs an
        // alert and keeps the old limit, which is a capacity fact the bench reports, not a startup failure.
        v.put("NGINX_WORKER_RLIMIT_NOFILE", Integer.toString(config.workerConnections() + 1024));
        v.put("NGINX_LOG_DIR", prefix.resolve("logs").toAbsolutePath().toString());
        v.put("NGINX_RUN_DIR", prefix.resolve("run").toAbsolutePath().toString());
        v.put("NGINX_ERROR_LOG_LEVEL", config.errorLogLevel());
        return v;
    }

    public NginxBinary binary() {
        return binary;
    }

    /** {@code nginx/1.22.1}, for the results' environment line. */
    public String version() {
        return binary.version();
    }

    public NginxConfig config() {
        return config;
    }

    public Path prefix() {
        return prefix;
    }

    public Path configFile() {
        return prefix.resolve("nginx.conf");
    }

    public Path errorLog() {
        return prefix.resolve("logs/error.log");
    }

    public Path accessLog() {
        return prefix.resolve("logs/access.log");
    }

    /** The self-signed certificate wss:// clients must trust (SAN localhost and 127.0.0.1). */
    public Path certificate() {
        return tls.certificate();
    }

    public Path privateKey() {
        return tls.key();
    }

    /** The nginx master's pid. */
    public long pid() {
        return process.pid();
    }

    /** The master's pid, then its workers' (forked at start, so each must be pinned or read on its own). */
    public List<Long> pids() {
        List<Long> all = new ArrayList<>(List.of(process.pid()));
        ProcessHandle.of(process.pid()).ifPresent(h -> h.children().forEach(c -> all.add(c.pid())));
        return all;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    public URI wsUri(String path) {
        return URI.create("ws://" + HOST + ":" + httpPort + path);
    }

    /** By name, so the client checks the certificate's DNS SAN as a browser would. */
    public URI wssUri(String path) {
        return URI.create("wss://localhost:" + httpsPort + path);
    }

    public StubStatus stubStatus() throws IOException {
        return StubStatus.read(HOST, httpPort, "/status");
    }

    /** SIGTERM (fast shutdown: open WebSockets are cut without a close frame) and wait. */
    @Override
    public void close() {
        process.close();
    }

    void requestStop() {
        process.requestStop();
    }

    private static void prepare(Path prefix) throws IOException {
        for (String dir : List.of("", "logs", "run")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        // When nginx runs as root its workers switch to an unprivileged user, which must be able to reach
        // the temp directories under run/ (nginx chowns those itself).
        for (String dir : List.of("", "run")) {
            Files.setPosixFilePermissions(prefix.resolve(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** {@code nginx -t} first: a template or directive error is reported as nginx words it, not as a timeout. */
    private static void checkConfig(NginxBinary binary, Path prefix, Path conf) throws IOException {
        runToEnd(command(binary, prefix, conf, true), "nginx -t");
    }

    private static List<String> command(NginxBinary binary, Path prefix, Path conf, boolean test) {
        List<String> argv = new ArrayList<>(List.of(binary.path().toString()));
        if (test) {
            argv.add("-t");
        }
        argv.addAll(List.of("-p", prefix.toAbsolutePath() + "/", "-c", conf.toAbsolutePath().toString()));
        if (binary.supportsErrorLogFlag()) {
            argv.addAll(List.of("-e", prefix.resolve("logs/error.log").toAbsolutePath().toString()));
        }
        // Foreground, so it is our child and stops with us; the master process stays (as in production).
        argv.addAll(List.of("-g", "daemon off;"));
        return argv;
    }

    static String runToEnd(List<String> argv, String what) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish in 60 s:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + what, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + " at startup; "
                        + errorLog() + ":\n" + ChildProcess.tail(errorLog(), 20) + "\n" + process.logTail(20));
            }
            try {
                stubStatus();
                return;
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for nginx", e);
            }
        }
        throw new IOException("nginx not answering /status on port " + httpPort + " after "
                + READY_TIMEOUT.toSeconds() + " s (" + last + "); " + errorLog() + ":\n"
                + ChildProcess.tail(errorLog(), 20));
    }
}
