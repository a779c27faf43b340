package io.wsbench.topology;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The nginx settings a topology varies; everything else is fixed in {@code nginx/nginx.conf.template}.
 * Defaults are the template's production values: 90 s proxy timeouts (above the server's 60 s PONG_WAIT and
 * 30 s PING_PERIOD), least_conn, nginx's own 1m body limit.
 *
 * @param clientMaxBodySize an nginx size ({@code 1m}, {@code 0} = unlimited); HTTP bodies only, not WebSocket
 *                          messages
 * @param workerProcesses   0 renders {@code auto} (one per core)
 * @param workerConnections per worker; each proxied WebSocket takes two
 * @param errorLogLevel     {@code notice}; {@code info} adds why each WebSocket ended ("upstream timed out")
 * @param reusePort         {@code listen ... reuseport}: one listening socket per worker, so the kernel spreads new
 *                          connections evenly over the workers. Without it one idle worker can take most of them
 *                          and run out of {@code worker_connections} while the others hold few (the scale scenario)
 */
public record NginxConfig(
        BalancePolicy balance,
        Duration proxyReadTimeout,
        Duration proxySendTimeout,
        Duration proxyConnectTimeout,
        String clientMaxBodySize,
        int workerProcesses,
        int workerConnections,
        String errorLogLevel,
        boolean reusePort) {

    private static final Set<String> LEVELS = Set.of("debug", "info", "notice", "warn", "error", "crit");

    public NginxConfig {
        Objects.requireNonNull(balance, "balance");
        checkPositive("proxyReadTimeout", proxyReadTimeout);
        checkPositive("proxySendTimeout", proxySendTimeout);
        checkPositive("proxyConnectTimeout", proxyConnectTimeout);
        if (!clientMaxBodySize.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("clientMaxBodySize is not an nginx size: " + clientMaxBodySize);
        }
        if (workerProcesses < 0 || workerConnections < 16) {
            throw new IllegalArgumentException("workerProcesses >= 0 and workerConnections >= 16 required");
        }
        if (!LEVELS.contains(errorLogLevel)) {
            throw new IllegalArgumentException("errorLogLevel must be one of " + LEVELS + ": " + errorLogLevel);
        }
    }

    public static NginxConfig defaults() {
        return new NginxConfig(BalancePolicy.LEAST_CONN, Duration.ofSeconds(90), Duration.ofSeconds(90),
                Duration.ofSeconds(5), "1m", 0, 4096, "notice", false);
    }

    public NginxConfig withBalance(BalancePolicy v) {
        return new NginxConfig(v, proxyReadTimeout, proxySendTimeout, proxyConnectTimeout, clientMaxBodySize,
                workerProcesses, workerConnections, errorLogLevel, reusePort);
    }

    /** proxy_read_timeout and proxy_send_timeout together, as the design notes set them. */
    public NginxConfig withProxyTimeouts(Duration v) {
        return new NginxConfig(balance, v, v, proxyConnectTimeout, clientMaxBodySize, workerProcesses,
                workerConnections, errorLogLevel, reusePort);
    }

    public NginxConfig withClientMaxBodySize(String v) {
        return new NginxConfig(balance, proxyReadTimeout, proxySendTimeout, proxyConnectTimeout, v,
                workerProcesses, workerConnections, errorLogLevel, reusePort);
    }

    public NginxConfig withWorkers(int processes, int connections) {
        return new NginxConfig(balance, proxyReadTimeout, proxySendTimeout, proxyConnectTimeout,
                clientMaxBodySize, processes, connections, errorLogLevel, reusePort);
    }

    public NginxConfig withErrorLogLevel(String v) {
        return new NginxConfig(balance, proxyReadTimeout, proxySendTimeout, proxyConnectTimeout,
                clientMaxBodySize, workerProcesses, workerConnections, v, reusePort);
    }

    public NginxConfig withReusePort(boolean v) {
        return new NginxConfig(balance, proxyReadTimeout, proxySendTimeout, proxyConnectTimeout,
                clientMaxBodySize, workerProcesses, workerConnections, errorLogLevel, v);
    }

    /** An nginx time: whole seconds as {@code 90s}, anything finer in milliseconds. */
    static String nginxTime(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static void checkPositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }
}
