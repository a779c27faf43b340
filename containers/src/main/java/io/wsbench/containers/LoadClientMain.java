package io.wsbench.containers;

import io.wsbench.core.PemKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The ws-client image's entry point: {@link EchoRun} configured from the environment, its {@link Summary}
 * printed, exit 0 when the run was clean and 1 when not.
 *
 * <pre>
 * WS_URL        ws://nginx/ws-notifications   where to connect (wss:// needs TRUST_CERT)
 * CONNECTIONS   10                            connections this client holds
 * DURATION      10s                           how long each echoes (ms, s, m; a bare number is seconds)
 * CLIENT        netty                         load client: netty or jdk-httpclient
 * PAYLOAD_BYTES 64                            size of each echoed text message
 * TRUST_CERT    -                             PEM certificate to trust for wss:// (nginx/gen-cert.sh's)
 * </pre>
 */
public final class LoadClientMain {

    private LoadClientMain() {
    }

    public static void main(String[] args) throws Exception {
        EchoRun.Settings settings = settings(System.getenv());
        awaitReachable(settings.url(), Duration.ofSeconds(60));
        Summary summary = EchoRun.run(settings);
        System.out.print(summary.format());
        System.out.flush();
        System.exit(summary.ok() ? 0 : 1);
    }

    static EchoRun.Settings settings(Map<String, String> env) throws Exception {
        URI url = URI.create(env.getOrDefault("WS_URL", "ws://nginx/ws-notifications"));
        String trust = env.get("TRUST_CERT");
        SSLContext tls = trust == null || trust.isBlank() ? null : PemKeys.trusting(Path.of(trust));
        if ("wss".equals(url.getScheme()) && tls == null) {
            throw new IllegalArgumentException("WS_URL is wss:// but TRUST_CERT names no certificate");
        }
        return new EchoRun.Settings(url, Integer.parseInt(env.getOrDefault("CONNECTIONS", "10")),
                duration(env.getOrDefault("DURATION", "10s")), env.getOrDefault("CLIENT", "netty"), tls,
                Integer.parseInt(env.getOrDefault("PAYLOAD_BYTES", "64")));
    }

    /**
     * Waits until a TCP connection to the URL's host and port succeeds: in Compose the client may start
     * before nginx listens, and a refused connection would count as a failed one.
     */
    static void awaitReachable(URI url, Duration limit) throws InterruptedException {
        int port = url.getPort() > 0 ? url.getPort() : "wss".equals(url.getScheme()) ? 443 : 80;
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(url.getHost(), port), 2000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    System.out.println("ws-client: " + url.getHost() + ":" + port + " not reachable: " + e);
                    return; // the run then reports every connection as failed
                }
                Thread.sleep(500);
            }
        }
    }

    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.replaceAll("[smh]$", ""));
        return switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
