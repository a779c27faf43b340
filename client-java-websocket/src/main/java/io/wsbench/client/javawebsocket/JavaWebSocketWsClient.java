package io.wsbench.client.javawebsocket;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library has no shared machinery to create: every connection is its own {@code WebSocketClient} with a
 * blocking socket, a read thread and a write thread. This class sets each one up the same way and owns their
 * threads: each read thread is started here in one {@link ThreadGroup}, and the library starts the write thread
 * from the read thread, so it lands in the same group. {@link #close()} can then wait for all of them.
 */
final class JavaWebSocketWsClient implements WsClient {
    private static final Logger LOG = LoggerFactory.getLogger(JavaWebSocketWsClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for closing handshakes, and then again for the threads to end. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final ClientOptions options;
    private final ThreadGroup threads = new ThreadGroup("java-websocket-client");
    private final Set<ClientEndpoint> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    JavaWebSocketWsClient(ClientOptions options) {
        this.options = options;
    }

    @Override
    public CompletableFuture<ClientConnection> connect(URI uri, InetAddress sourceAddress, ClientListener listener) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        }
        ClientEndpoint endpoint = new ClientEndpoint(uri, draft(), (int) CONNECT_TIMEOUT.toMillis(), listener,
                open::remove);
        // No Nagle delay on small messages (off by default in Java-WebSocket, as on the server).
        endpoint.setTcpNoDelay(true);
        // The library's lost-connection check would start one more thread per connection (its own scheduler)
        // to ping every 60 s; the server pings, and the library answers those pings itself.
        endpoint.setConnectionLostTimeout(0);
        // The write thread is made a daemon by this flag; the read thread is made one below.
        endpoint.setDaemon(true);
        SocketFactory sockets = socketFactory(uri, sourceAddress);
        if (sockets != null) {
            endpoint.setSocketFactory(sockets);
        }
        open.add(endpoint);
        if (closed) { // close() ran meanwhile and may not have seen this one
            open.remove(endpoint);
            return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        }
        // WebSocketClient is a Runnable whose run() is the whole connection (connect, handshake, read loop);
        // running it on our own thread instead of connect() puts it, and the write thread it starts, in our group.
        Thread reader = new Thread(threads, endpoint, "java-websocket-client-" + ids.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
        return endpoint.opened();
    }

    /**
     * permessage-deflate is offered only when asked for. The library's offer asks for no context takeover both
     * ways (each message compressed on its own), so its broken context-takeover negotiation (#1496) never comes
     * into play; messages under the extension's 1024-byte threshold are sent uncompressed.
     */
    private Draft draft() {
        return options.compression()
                ? new Draft_6455(new PerMessageDeflateExtension())
                : new Draft_6455();
    }

    /**
     * The socket the library connects. With a factory set, the library takes {@code createSocket()} as it is
     * (unconnected) and applies no TLS of its own, so for wss:// the factory itself must make SSL sockets.
     * Null = the library's default: a plain socket, upgraded to TLS with the JVM's default context for wss://.
     */
    private SocketFactory socketFactory(URI uri, InetAddress sourceAddress) {
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        SocketFactory base = !tls ? SocketFactory.getDefault()
                : options.sslContext() != null ? options.sslContext().getSocketFactory()
                : SSLSocketFactory.getDefault();
        if (sourceAddress != null) {
            return new SourceBoundSocketFactory(base, sourceAddress);
        }
        return tls && options.sslContext() != null ? base : null;
    }

    /**
     * Starts the closing handshake (1000) on every open connection and waits briefly for the answers; drops what
     * is left (1006) and waits for every library thread to end, interrupting those still waiting on their queue.
     */
    @Override
    public void close() {
        closed = true;
        List<ClientEndpoint> all = List.copyOf(open);
        for (ClientEndpoint e : all) {
            if (e.isOpen()) {
                e.close(CloseFrame.NORMAL, "client closed");
            } else {
                e.abort("client closed");
            }
        }
        awaitGone(all);
        for (ClientEndpoint e : List.copyOf(open)) {
            e.abort("client closed");
        }
        int left = joinThreads();
        if (left > 0) {
            LOG.warn("java-websocket client: {} thread(s) still running {} after close", left, CLOSE_GRACE);
        }
    }

    private static void awaitGone(List<ClientEndpoint> all) {
        try {
            CompletableFuture.allOf(all.stream().map(ClientEndpoint::gone).toArray(CompletableFuture[]::new))
                    .get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the rest are aborted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // gone() never fails
        }
    }

    /**
     * A write thread waits on its queue until interrupted (the library interrupts it on close); a read thread
     * ends when its socket closes. Threads may still be starting (a read thread starts its write thread), so the
     * group is looked at again until it is empty or the grace is over. Returns how many are still alive.
     */
    private int joinThreads() {
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        while (true) {
            Thread[] list = new Thread[threads.activeCount() + 16];
            int n = threads.enumerate(list);
            if (n == 0 || System.nanoTime() >= deadline) {
                return n;
            }
            threads.interrupt();
            for (int i = 0; i < n; i++) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    list[i].join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return n;
                }
            }
        }
    }
}
