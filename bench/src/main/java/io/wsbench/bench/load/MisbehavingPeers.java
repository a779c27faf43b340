package io.wsbench.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that break the rules on purpose, for the timeouts scenario: they are not load clients (a load
 * client answers pings and reads everything), so they are written here on Netty directly. Each connection
 * completes a normal opening handshake and then {@link Behaviour behaves}: answers pings like a live idle client,
 * swallows them like a peer whose process hangs (its kernel still ACKs, so only the WebSocket layer can tell),
 * or stops reading altogether like a client on a stalled network. One owner: {@link #close()} drops every
 * connection and stops the I/O thread; read the figures before, since closing ends the connections still open.
 */
public final class MisbehavingPeers implements AutoCloseable {
    /** What a peer does once its opening handshake is done. */
    public enum Behaviour {
        /** Answers every ping with a pong and sends nothing else: a live, idle client. */
        ANSWERS_PINGS,
        /** Reads pings and never answers: a dead peer whose TCP stack still works. */
        SWALLOWS_PINGS,
        /** Never reads again (and has a small receive buffer, so the server's sends stall soon). */
        STOPS_READING
    }

    /** Small, so a peer that stops reading stalls the server after kilobytes rather than the kernel's megabytes. */
    static final int STALLED_RECEIVE_BUFFER = 4096;
    /**
     * The MSS a peer that stops reading announces, as on a real network path. Loopback's own (65,483 bytes) makes
     * Linux grow the server's send buffer to megabytes (tcp_sndbuf_expand sizes it from cwnd × MSS), so the server
     * could queue seconds of a push in its kernel before its own WRITE_WAIT or MAX_QUEUED_BYTES can see anything.
     */
    static final int STALLED_MSS = 1400;
    /** setsockopt(IPPROTO_TCP, TCP_MAXSEG): Linux's numbers; only the native epoll transport can set it. */
    private static final IntegerUnixChannelOption TCP_MAXSEG = new IntegerUnixChannelOption("TCP_MAXSEG", 6, 2);
    /** Whether the native transport loaded; without it the MSS stays loopback's and {@link #mssClamped()} says so. */
    private static final boolean EPOLL = Epoll.isAvailable();
    private static final int MAX_HANDSHAKE_RESPONSE = 8192;
    private static final int MAX_FRAME = 1 << 20;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;
    /** Handshakes in flight at once: a burst of hundreds would itself time out behind a one-CPU server. */
    private static final int MAX_PENDING = 16;
    private static final int GATEWAY_TIMEOUT_ATTEMPTS = 5;

    private final EventLoopGroup group;
    private final List<MisbehavingPeer> peers = new ArrayList<>();
    private final AtomicInteger gatewayTimeouts = new AtomicInteger();

    private MisbehavingPeers() {
        // one thread: a few hundred mostly idle connections, and timing is read on it
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wsbench-misbehaving-peer", true),
                EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Opens {@code count} connections to {@code uri}, all behaving as {@code behaviour}, and returns once every
     * opening handshake is done.
     *
     * @throws Exception the first connection that failed, within {@code timeout}; the ones opened are closed
     */
    public static MisbehavingPeers open(URI uri, int count, Behaviour behaviour, Duration timeout) throws Exception {
        MisbehavingPeers p = new MisbehavingPeers();
        try {
            p.openAll(uri, count, behaviour, timeout);
            return p;
        } catch (Exception e) {
            p.close();
            throw e;
        }
    }

    private void openAll(URI uri, int count, Behaviour behaviour, Duration timeout) throws Exception {
        Bootstrap b = new Bootstrap().group(group).channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis());
        if (behaviour == Behaviour.STOPS_READING) {
            // set before connect, so the window the peer advertises is small from the first SYN
            b.option(ChannelOption.SO_RCVBUF, STALLED_RECEIVE_BUFFER);
            if (EPOLL) {
                b.option(TCP_MAXSEG, STALLED_MSS);
            }
        }
        for (int first = 0; first < count; first += MAX_PENDING) {
            List<CompletableFuture<MisbehavingPeer>> wave = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + MAX_PENDING); i++) {
                wave.add(connectRetrying(b, uri, behaviour));
            }
            for (CompletableFuture<MisbehavingPeer> opened : wave) {
                peers.add(opened.get(timeout.toMillis() * (GATEWAY_TIMEOUT_ATTEMPTS + 1), TimeUnit.MILLISECONDS));
            }
        }
    }

    /**
     * One connection; a 504 from nginx is tried again. On the scaled clock proxy_read_timeout (a second) also
     * bounds how long nginx waits for the upgrade response, which a freshly started server JVM on a busy CPU
     * can miss; that is the scaled clock's artefact, not the behaviour measured, so it is retried and counted.
     */
    private CompletableFuture<MisbehavingPeer> connectRetrying(Bootstrap b, URI uri, Behaviour behaviour) {
        CompletableFuture<MisbehavingPeer> result = new CompletableFuture<>();
        attempt(b, uri, behaviour, 1, result);
        return result;
    }

    private void attempt(Bootstrap b, URI uri, Behaviour behaviour, int attempt,
                         CompletableFuture<MisbehavingPeer> result) {
        connect(b, uri, behaviour).whenComplete((peer, e) -> {
            if (e == null) {
                result.complete(peer);
            } else if (attempt < GATEWAY_TIMEOUT_ATTEMPTS && String.valueOf(e.getMessage()).contains("504")) {
                gatewayTimeouts.incrementAndGet();
                group.schedule(() -> attempt(b, uri, behaviour, attempt + 1, result), 100L * attempt,
                        TimeUnit.MILLISECONDS); // a short breath for the server that could not answer in time
            } else {
                result.completeExceptionally(e);
            }
        });
    }

    private CompletableFuture<MisbehavingPeer> connect(Bootstrap b, URI uri, Behaviour behaviour) {
        MisbehavingPeer peer = new MisbehavingPeer();
        CompletableFuture<MisbehavingPeer> opened = new CompletableFuture<>();
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, MAX_FRAME);
        Bootstrap one = b.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE),
                        new PeerHandler(handshaker, behaviour, peer, opened));
            }
        });
        one.connect(uri.getHost(), uri.getPort()).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /** How many opening handshakes nginx answered with 504 (each was tried again). */
    public int gatewayTimeouts() {
        return gatewayTimeouts.get();
    }

    /** Whether peers that stop reading announce {@link #STALLED_MSS} (they do with the native epoll transport). */
    public static boolean mssClamped() {
        return EPOLL;
    }

    public List<MisbehavingPeer> peers() {
        return List.copyOf(peers);
    }

    /** How many connections have not ended yet. */
    public int stillOpen() {
        return (int) peers.stream().filter(p -> !p.hasEnded()).count();
    }

    /** Waits until every connection has ended or {@code max} has passed; true when all ended. */
    public boolean awaitAllEnded(Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (stillOpen() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return stillOpen() == 0;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_MILLIS);
    }
}
