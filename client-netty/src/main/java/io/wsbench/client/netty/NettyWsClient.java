package io.wsbench.client.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WireBytes;
import io.wsbench.core.client.WsClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bootstrap, as in Netty's websocketx client example: one event loop group shared by every connection
 * ({@code ioThreads}, 0 = Netty's default of 2 × cores), the native epoll transport when it loads and NIO
 * otherwise. Each {@link #connect} clones the bootstrap with that connection's pipeline.
 */
final class NettyWsClient implements WsClient {
    /** The same budget the JDK client gets, for the TCP connect and again for the opening handshake. */
    static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final ClientOptions options;
    private final SslContext tls;
    private final boolean epoll;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** Every channel opened, so close() can end them; Netty removes each one from the group when it closes. */
    private final ChannelGroup channels = new DefaultChannelGroup("netty-ws-client", GlobalEventExecutor.INSTANCE);
    private final WireCounter wire = new WireCounter();

    NettyWsClient(ClientOptions options) {
        this.options = options;
        // the caller's SSLContext as it is (its trust managers cannot be taken out of it); hostname verification
        // and SNI are set per connection in WebSocketClientInitializer
        this.tls = options.sslContext() == null ? null : new JdkSslContext(options.sslContext(), true, ClientAuth.NONE);
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(0, options.ioThreads()),
                new DefaultThreadFactory("netty-ws-client"), io);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    @Override
    public CompletableFuture<ClientConnection> connect(URI uri, InetAddress sourceAddress, ClientListener listener) {
        CompletableFuture<ClientConnection> opened = new CompletableFuture<>();
        if (group.isShuttingDown()) {
            // Netty would only log that the event loop rejected the channel, and never fail the future
            opened.completeExceptionally(new IllegalStateException("the client is closed"));
            return opened;
        }
        InetSocketAddress remote;
        try {
            remote = remoteAddress(uri);
        } catch (IllegalArgumentException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        boolean secure = uri.getScheme().equalsIgnoreCase("wss");
        if (secure && tls == null) {
            opened.completeExceptionally(new IllegalArgumentException(
                    "wss:// needs a trust context: ClientOptions.withTls(sslContext)"));
            return opened;
        }
        Bootstrap b = bootstrap.clone().handler(new WebSocketClientInitializer(
                uri, secure ? tls : null, options, wire, channels, listener, opened));
        InetSocketAddress local = null;
        if (sourceAddress != null) {
            local = new InetSocketAddress(sourceAddress, 0);
            if (epoll) {
                // Linux then picks the port at connect(), where it need only be unique for the whole
                // (source, destination) 4-tuple, not at bind(), where each socket would hold one of the source
                // address's ~28k ports to itself: different destinations (ports, Nginx instances) share them
                b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
            } else {
                // NIO on JDK 17 cannot set IP_BIND_ADDRESS_NO_PORT: every connection holds its own port of that
                // address; SO_REUSEADDR at least lets a port whose last connection is in TIME_WAIT be bound again
                b.option(ChannelOption.SO_REUSEADDR, true);
            }
        }
        b.connect(remote, local).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /** Left unresolved for Netty's resolver (on the event loop; an IP literal or a cached name costs nothing). */
    private static InetSocketAddress remoteAddress(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("wss") ? 443 : 80;
        return InetSocketAddress.createUnresolved(uri.getHost(), port);
    }

    /** Counted at the head of every connection's pipeline ({@link WireCounter}). */
    @Override
    public Optional<WireBytes> wireBytes() {
        return Optional.of(wire.total());
    }

    /** Drops every connection (no closing handshake: the load is over) and waits for the I/O threads to end. */
    @Override
    public void close() {
        try {
            channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        } finally {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT_MILLIS);
        }
    }
}
