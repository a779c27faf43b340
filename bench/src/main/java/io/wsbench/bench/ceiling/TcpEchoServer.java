package io.wsbench.bench.ceiling;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling's server: raw TCP echo (no HTTP, no WebSocket framing, no Hub), every byte read written straight
 * back, on Netty with epoll when the native transport loads (NIO otherwise), event loops sized like the Netty
 * WebSocket server's (one acceptor, Netty's default workers for the CPUs the JVM is given). Whatever an impl's
 * echo costs on top of this is WebSocket and the impl.
 *
 * <p>Run by {@link TcpEchoProcess} as {@code java -cp <bench classpath> io.wsbench.bench.ceiling.TcpEchoServer
 * [host]}: it binds a free port on {@code host} (127.0.0.1), prints {@code port <n>} on stdout, and exits when
 * its stdin reaches end of file, which is how its owner stops it (and how the kernel stops it when the bench
 * JVM dies, since a dead process's pipes close).
 */
public final class TcpEchoServer {
    private TcpEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, io);
        try {
            Channel server = new ServerBootstrap().group(acceptor, workers).channel(channel)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new Echo())
                    .bind(host, 0).sync().channel();
            System.out.println("port " + ((InetSocketAddress) server.localAddress()).getPort() + " "
                    + (epoll ? "epoll" : "nio"));
            System.out.flush();
            while (System.in.read() >= 0) {
                // nothing is ever sent; end of file is the stop signal
            }
        } finally {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Writes each buffer back as it is read (no copy) and flushes once per read batch, as a WebSocket server would. */
    @Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
