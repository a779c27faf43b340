package io.wsbench.bench.ceiling;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.wsbench.bench.load.EchoWindow;
import io.wsbench.bench.load.RoundTrips;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * {@link io.wsbench.bench.load.EchoLoad}'s closed loop with the WebSocket taken out: C TCP connections on one
 * Netty event loop group sized like the Netty load client's (epoll when available), each keeping one message of
 * N bytes in flight and sending the next the moment all N bytes are back. Round trips are recorded the same way
 * (one HdrHistogram {@link Recorder} per connection group, interval snapshots on {@link #cut()}), so a window is
 * directly comparable with an echo window: this is what the loopback stack, the JVM and Netty allow before any
 * WebSocket library does any work.
 */
public final class TcpEchoLoad implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final EventLoopGroup group;
    private final List<Member> members = new ArrayList<>();
    private final RoundTrips roundTrips;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong overruns = new AtomicLong();
    private final Queue<String> unexpectedCloses = new ConcurrentLinkedQueue<>();
    private volatile ByteBuf payload = Unpooled.EMPTY_BUFFER;
    private volatile boolean sending;
    private volatile boolean closing;

    private TcpEchoLoad(EventLoopGroup group, int count) {
        this.group = group;
        roundTrips = new RoundTrips(count);
        for (int i = 0; i < count; i++) {
            members.add(new Member(roundTrips.recorderFor(i)));
        }
    }

    /**
     * Opens {@code count} connections to {@code host:port} at once, all or nothing.
     *
     * @param ioThreads event loop threads (0 = Netty's default)
     */
    public static TcpEchoLoad open(int ioThreads, String host, int port, int count) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        TcpEchoLoad load = new TcpEchoLoad(new MultiThreadIoEventLoopGroup(Math.max(0, ioThreads), io), count);
        try {
            Bootstrap bootstrap = new Bootstrap().group(load.group)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
            List<ChannelFuture> opening = new ArrayList<>();
            for (Member m : load.members) {
                ChannelFuture f = bootstrap.clone().handler(m).connect(host, port);
                m.channel = f.channel();
                opening.add(f);
            }
            long failed = 0;
            Throwable first = null;
            for (ChannelFuture f : opening) {
                if (!f.awaitUninterruptibly(CONNECT_TIMEOUT.toMillis()) || !f.isSuccess()) {
                    failed++;
                    first = first != null ? first : f.cause();
                }
            }
            if (failed > 0) {
                throw new IOException(failed + " of " + count + " TCP connections to " + host + ":" + port
                        + " failed to open: " + first, first);
            }
            return load;
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
    }

    public int size() {
        return members.size();
    }

    /** Starts the loop: every connection sends {@code bytes} bytes and sends them again as each echo completes. */
    public void start(int bytes) {
        if (inFlight.get() != 0) {
            throw new IllegalStateException(inFlight.get() + " echoes of the previous run are still in flight");
        }
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        // One read-only direct buffer shared by every send (each send writes a retained duplicate of it), so
        // the client spends nothing on building messages: the ceiling should be the stack's, not ours.
        payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes).writeBytes(data).asReadOnly());
        sending = true;
        cut();
        for (Member m : members) {
            m.sendFirst();
        }
    }

    /** The round trips completed since the previous cut (or {@link #start}). */
    public EchoWindow cut() {
        return roundTrips.cut();
    }

    /** Echoes since the last cut, read without cutting. */
    public long echoesSinceCut() {
        return roundTrips.sinceCut();
    }

    /** Stops sending and waits for the echoes in flight; throws when some never came back or a connection closed. */
    public void stop(Duration drain) throws IOException, InterruptedException {
        sending = false;
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline && unexpectedCloses.isEmpty()) {
            Thread.sleep(5);
        }
        String problem = problem();
        if (problem != null) {
            throw new IOException(problem);
        }
        if (inFlight.get() > 0) {
            throw new IOException(inFlight.get() + " of " + size() + " TCP echoes did not come back within "
                    + drain.toMillis() + " ms of the end of the run");
        }
    }

    /** What went wrong so far, or null. */
    public String problem() {
        if (!unexpectedCloses.isEmpty()) {
            return unexpectedCloses.size() + " of " + size() + " TCP connections closed during the run (first: "
                    + unexpectedCloses.peek() + ")";
        }
        if (overruns.get() > 0) {
            return overruns.get() + " echoes were longer than the message sent";
        }
        return null;
    }

    /** Closes every connection and the event loops. */
    @Override
    public void close() {
        sending = false;
        closing = true;
        for (Member m : members) {
            Channel c = m.channel;
            if (c != null) {
                c.close().awaitUninterruptibly(1000);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }

    /** One connection's side of the loop; runs on its channel's event loop. */
    private final class Member extends ChannelInboundHandlerAdapter {
        private final Recorder recorder;
        private volatile Channel channel;
        private volatile long sentAt;
        private int received;

        Member(Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        void sendFirst() {
            inFlight.incrementAndGet();
            channel.eventLoop().execute(() -> {
                received = 0;
                send(channel);
            });
        }

        private void send(Channel c) {
            sentAt = System.nanoTime();
            c.writeAndFlush(payload.retainedDuplicate(), c.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            received += data.readableBytes();
            data.release();
            int expected = payload.readableBytes();
            if (received < expected) {
                return;
            }
            if (received > expected) {
                overruns.incrementAndGet();
            }
            received = 0;
            roundTrips.record(recorder, System.nanoTime() - sentAt);
            boolean next = sending;
            if (next) {
                inFlight.incrementAndGet();
            }
            inFlight.decrementAndGet();
            if (next) {
                send(ctx.channel());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                unexpectedCloses.add("closed by the server");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closing) {
                unexpectedCloses.add(cause.toString());
            }
            ctx.close();
        }
    }
}
