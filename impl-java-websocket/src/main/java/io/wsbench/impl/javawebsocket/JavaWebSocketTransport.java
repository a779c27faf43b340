package io.wsbench.impl.javawebsocket;

import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.PemKeys;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap: one Java-WebSocket {@code WebSocketServer} (one selector thread, one decoder thread per core — the
 * library's defaults) configured from {@link ServerConfig}. Reading the constructor top to bottom gives the list
 * of what the server does.
 */
final class JavaWebSocketTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(JavaWebSocketTransport.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} lets the library's own stop (1001 to every client) run before aborting. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final NotificationEndpoint endpoint;
    private final Thread selectorThread;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService writeWatch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int port;

    private JavaWebSocketTransport(ServerConfig config, Hub hub) throws Exception {
        // Limits: READ_LIMIT is the draft's maxFrameSize (1009); ServerDraft adds the per-fragment, inflated-size
        // and masking checks 1.6.0 lacks. Compression off = no extension offered, so it is never negotiated.
        List<Draft> drafts = List.of(new ServerDraft(extensions(config), config.readLimit()));

        // Heartbeat: the library's setConnectionLostTimeout(int seconds) counts whole seconds and closes only
        // after 1.5x the interval without a pong, so it cannot express PING_PERIOD=200ms / PONG_WAIT=600ms and ties
        // PONG_WAIT to PING_PERIOD. It is switched off and core's Heartbeat pings instead (none when PING_PERIOD=0;
        // the PONG_WAIT deadline stays); the endpoint counts every message, ping and pong as a sign of life.
        // workaround: own heartbeat | missing | no upstream issue
        this.heartbeat = Heartbeat.of(config);
        // end workaround: own heartbeat

        // One thread watches writes: the WRITE_WAIT sweep below and WriteDemandRescue, which raises again the write
        // demands 1.6.0's selector can lose (an echo that would otherwise never leave the server).
        this.writeWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "java-websocket-write-watch");
            t.setDaemon(true);
            return t;
        });
        this.endpoint = new NotificationEndpoint(config, hub, drafts, heartbeat, writeWatch);
        // workaround: own heartbeat | missing | no upstream issue
        endpoint.setConnectionLostTimeout(0);
        // end workaround: own heartbeat

        // Socket options a production deployment sets: rebind right after a restart, no Nagle delay on small
        // notifications (both are off by default in Java-WebSocket).
        endpoint.setReuseAddr(true);
        endpoint.setTcpNoDelay(true);
        // The listen backlog: the library's default is the JDK's 50, which refuses connect bursts (SYN retries).
        endpoint.setMaxPendingConnections(ServerConfig.ACCEPT_BACKLOG);

        if (config.tls()) {
            endpoint.setWebSocketFactory(
                    new DefaultSSLWebSocketServerFactory(PemKeys.sslContext(config.tlsCert(), config.tlsKey())));
        }

        // Slow consumers: the library has no write timeout and an unbounded outQueue (#779). The send path counts
        // queued bytes (MAX_QUEUED_BYTES); this sweep enforces WRITE_WAIT. See JavaWebSocketConnection.
        // workaround: queue bound and WRITE_WAIT | missing | TooTallNate/Java-WebSocket#779
        long sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(1), config.writeWait().toNanos() / 4));
        writeWatch.scheduleAtFixedRate(this::checkWriteDeadlines, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        // end workaround: queue bound and WRITE_WAIT

        // WebSocketServer.run() directly (the library allows it instead of start()), so close() can join the
        // selector thread itself: stop(timeout) returns after the timeout whether or not the thread has ended.
        this.selectorThread = new Thread(endpoint); // the library names it WebSocketSelector-<id>
        selectorThread.start();
    }

    static JavaWebSocketTransport start(ServerConfig config, Hub hub) throws Exception {
        JavaWebSocketTransport transport = new JavaWebSocketTransport(config, hub);
        try {
            transport.endpoint.started().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            transport.close();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (Exception e) {
            transport.close();
            throw e;
        }
        transport.port = transport.endpoint.getPort(); // the real port once bound (config port 0 = ephemeral)
        LOG.info("java-websocket listening on {}://{}:{}{} (compression {})", config.tls() ? "wss" : "ws",
                config.host(), transport.port, config.path(),
                config.compression() ? "on, level " + config.compressionLevel() : "off");
        return transport;
    }

    /**
     * permessage-deflate at COMPRESSION_LEVEL when on. The extension's defaults are kept on purpose: it always
     * answers {@code server_no_context_takeover} and resets its Deflater after each message, and it honours a
     * client's {@code client_no_context_takeover}. Turning server context takeover on is what breaks 1.6.0
     * (TooTallNate/Java-WebSocket #1496: the response still says server_no_context_takeover, so a compliant client
     * fails on the second message with "invalid distance too far back"). Messages under the extension's
     * default threshold (1024 bytes) are sent uncompressed, as in the library's own configuration.
     */
    private static List<IExtension> extensions(ServerConfig config) {
        if (!config.compression()) {
            return List.of();
        }
        return List.of(new PerMessageDeflateExtension(config.compressionLevel()));
    }

    // workaround: queue bound and WRITE_WAIT | missing | TooTallNate/Java-WebSocket#779
    private void checkWriteDeadlines() {
        long now = System.nanoTime();
        for (JavaWebSocketConnection c : endpoint.openConnections()) {
            c.checkWriteDeadline(now);
        }
    }
    // end workaround: queue bound and WRITE_WAIT

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writeWatch.shutdownNow();
        long rescues = endpoint.rescue().rescues();
        if (rescues > 0) {
            LOG.info("java-websocket: {} write demands found lost and raised again (Java-WebSocket 1.6.0 selector race, see"
                    + " WriteDemandRescue)", rescues);
        }
        try {
            // The library's stop: 1001 to every client still open, closes the factory (TLS executor), wakes the
            // selector and waits up to the grace for it to end.
            endpoint.stop((int) STOP_GRACE.toMillis(), "server shutdown");
            // The library's selector loop ends once it sees no events for a few 5 ms selects, even while a client
            // that never took its close frame is still connected; that socket would stay open and the hub would
            // never hear of it. Abort what is left (no close frame arrived: 1006).
            // workaround: abort what stop leaves open | defect | no upstream issue
            for (WebSocket ws : endpoint.getConnections()) {
                ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, "server stopped");
            }
            // end workaround: abort what stop leaves open
            selectorThread.join(STOP_GRACE.toMillis());
            for (Thread worker : endpoint.workers()) {
                worker.join(STOP_GRACE.toMillis());
            }
            if (selectorThread.isAlive()) {
                LOG.warn("java-websocket selector thread did not stop within {}", STOP_GRACE);
            }
        } finally {
            heartbeat.close();
        }
    }
}
