package io.wsbench.bench.load;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection of {@link MisbehavingPeers}, as the peer sees it: when its opening handshake completed, when the
 * connection ended (the server's close frame or the TCP connection going away, whichever came first), the close
 * code it was given (1006 when none came) and how many pings it received. Times are {@link System#nanoTime()}.
 */
public final class MisbehavingPeer {
    /** No close frame arrived: the TCP connection simply ended (RFC 6455's 1006). */
    public static final int NO_CLOSE_FRAME = 1006;

    private final AtomicInteger pings = new AtomicInteger();
    private volatile Channel channel;
    private volatile long openedNanos;
    private volatile long endedNanos;
    private volatile int closeCode = NO_CLOSE_FRAME;

    public long openedNanos() {
        return openedNanos;
    }

    /** 0 while the connection is open. */
    public long endedNanos() {
        return endedNanos;
    }

    public boolean hasEnded() {
        return endedNanos != 0;
    }

    /** From the end of the opening handshake to the end of the connection; only once {@link #hasEnded()}. */
    public long lifetimeNanos() {
        return endedNanos - openedNanos;
    }

    /** The code of the server's close frame, or {@link #NO_CLOSE_FRAME}. */
    public int closeCode() {
        return closeCode;
    }

    public int pingsReceived() {
        return pings.get();
    }

    /**
     * Sends a text message (for a peer that reads, used as the sender of a broadcast); never blocks, so a peer
     * whose server reads slowly queues it in this process.
     */
    public void sendText(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    void opened(Channel ch, long now) {
        channel = ch;
        openedNanos = now;
    }

    void pinged() {
        pings.incrementAndGet();
    }

    synchronized void closeFrame(int code, long now) {
        if (endedNanos == 0) {
            closeCode = code;
            endedNanos = now;
        }
    }

    synchronized void ended(long now) {
        if (endedNanos == 0) {
            endedNanos = now;
        }
    }
}
