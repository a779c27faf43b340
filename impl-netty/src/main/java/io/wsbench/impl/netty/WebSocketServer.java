package io.wsbench.impl.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap, as in Netty's websocketx example: one acceptor thread, Netty's default worker count
 * (2 × cores), the native epoll transport when it loads and NIO otherwise.
 */
final class WebSocketServer implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServer.class);
    /** Transport.close() runs many times per test JVM: no long quiet period, but do wait for the threads. */
    private static final long QUIET_MILLIS = 10;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3000;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private WebSocketServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel serverChannel) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    static WebSocketServer start(ServerConfig config, Hub hub) throws Exception {
        SslContext tls = config.tls()
                ? SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build()
                : null;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("netty-ws-accept"), io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("netty-ws-io"), io);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, ServerConfig.ACCEPT_BACKLOG)
                    // MAX_QUEUED_BYTES: the channel turns unwritable when its unsent bytes pass this, and
                    // WebSocketFrameHandler closes it (SPEC §3.5)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config.maxQueuedBytes()))
                    .childHandler(new WebSocketServerInitializer(config, hub, tls))
                    .bind(config.host(), config.port()).sync().channel();
            WebSocketServer server = new WebSocketServer(acceptor, workers, channel);
            LOG.info("netty: WebSocket endpoint {}://{}:{}{} ({}, compression {})", tls == null ? "ws" : "wss",
                    config.host(), server.port(), config.path(), epoll ? "epoll" : "nio",
                    config.compression() ? "level " + config.compressionLevel() : "off");
            return server;
        } catch (Exception e) {
            shutdown(acceptor, workers);
            throw e;
        }
    }

    private static WriteBufferWaterMark waterMark(long maxQueuedBytes) {
        int high = (int) Math.min(maxQueuedBytes, Integer.MAX_VALUE);
        return new WriteBufferWaterMark(high / 2, high);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, then shuts the event loops down, which closes every connection still open. */
    @Override
    public void close() {
        try {
            serverChannel.close().syncUninterruptibly();
        } finally {
            shutdown(acceptor, workers);
        }
    }

    private static void shutdown(EventLoopGroup acceptor, EventLoopGroup workers) {
        Future<?> a = acceptor.shutdownGracefully(QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        Future<?> w = workers.shutdownGracefully(QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        a.awaitUninterruptibly();
        w.awaitUninterruptibly();
    }
}
