package io.wsbench.impl.javawebsocket;

import io.wsbench.core.Connection;
import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.QueuedBytes;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Java-WebSocket connection as the {@link Hub} sees it.
 *
 * <p>Sends go straight into the library's per-connection {@code outQueue}, which the selector thread drains.
 * That queue is unbounded and the library has no write timeout or send callback (TooTallNate/Java-WebSocket
 * #779; only {@code hasBufferedData()}), so this class adds the smallest fallback that keeps a slow consumer
 * from growing server memory: the queued bytes are counted from the public {@code outQueue} (core's
 * {@link QueuedBytes#estimated}: an estimate per send, an exact sum when the estimate passes
 * {@code MAX_QUEUED_BYTES}), and {@link #checkWriteDeadline} — run
 * by the transport's sweeper — aborts a connection whose oldest queued frame has not gone out for
 * {@code WRITE_WAIT}. Both abort the TCP connection: a peer that does not read would never read a close frame.
 */
final class JavaWebSocketConnection implements Connection, Heartbeat.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(JavaWebSocketConnection.class);
    /** Largest RFC 6455 server frame header (no mask): the per-frame overhead added to the estimate. */
    private static final int MAX_HEADER = 10;

    private final WebSocketImpl socket;
    private final Hub hub;
    private final QueuedBytes queued;
    private final long writeWaitNanos;
    private final WriteDemandRescue rescue;
    private volatile Heartbeat.Watch watch;
    private volatile int closingCode;

    // Touched only by the single sweeper thread.
    private ByteBuffer waitingHead;
    private long waitingSince;

    JavaWebSocketConnection(WebSocketImpl socket, Hub hub, long maxQueuedBytes, long writeWaitNanos,
            WriteDemandRescue rescue) {
        this.socket = socket;
        this.hub = hub;
        this.queued = QueuedBytes.estimated(maxQueuedBytes, this::unsentBytes, hub, this, this::abortSlowConsumer);
        this.writeWaitNanos = writeWaitNanos;
        this.rescue = rescue;
    }

    void watch(Heartbeat heartbeat) {
        watch = heartbeat.watch(this);
    }

    /** Any frame from the peer (data, ping, pong) extends the PONG_WAIT deadline. */
    void alive() {
        Heartbeat.Watch w = watch;
        if (w != null) {
            w.alive();
        }
    }

    /** A close frame was sent or received with this code (the library's onClosing, after it queued its own). */
    void closing(int code) {
        closingCode = code;
        rescue.sent(socket);
    }

    /** The library queued a pong for the peer's ping. */
    void ponged() {
        rescue.sent(socket);
    }

    int closingCode() {
        return closingCode;
    }

    /** The library reported the connection closed (exactly once): stop the heartbeat, tell the hub. */
    void closed(int code) {
        Heartbeat.Watch w = watch;
        if (w != null) {
            w.stop();
        }
        hub.closed(this, code);
    }

    @Override
    public void sendText(String text) {
        // createFrames is what WebSocketImpl.send(String) does; building the frame here gives its size for free.
        send(socket.getDraft().createFrames(text, false));
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        // PerMessageDeflateExtension.encodeFrame compresses payload.array() whole, ignoring position and limit:
        // hand it an exact heap array. The hub echoes the library's own message buffers, which already are.
        ByteBuffer exact = data;
        if (!data.hasArray() || data.arrayOffset() != 0 || data.position() != 0 || data.limit() != data.capacity()) {
            exact = ByteBuffer.allocate(data.remaining());
            exact.put(data).flip();
        }
        send(socket.getDraft().createFrames(exact, false));
    }

    /**
     * One lock per connection: the library compresses outside its own write lock (WebSocketImpl.send calls
     * createBinaryFrame before write), so two threads sending on one connection — an echo from a worker and a
     * /notify broadcast from the admin thread — would share the connection's Deflater. Uncontended otherwise.
     */
    private void send(List<Framedata> frames) {
        long bytes = 0;
        synchronized (this) {
            try {
                socket.sendFrame(frames);
            } catch (WebsocketNotConnectedException e) {
                return; // closing or closed: the hub hears about it from onClose
            }
            // workaround: write-demand rescue | defect | no upstream issue
            rescue.sent(socket); // Java-WebSocket 1.6.0 can lose the write demand: see WriteDemandRescue
            // end workaround: write-demand rescue
            // After sendFrame the frame holds its wire payload (compressed if deflate was applied).
            for (Framedata f : frames) {
                bytes += f.getPayloadData().remaining() + MAX_HEADER;
            }
        }
        queued.add(bytes); // outside the lock: going over aborts the connection
    }

    // workaround: queue bound and WRITE_WAIT | missing | TooTallNate/Java-WebSocket#779
    /** Exact unsent bytes: the library exposes its queue, not a count. Runs only when the estimate is over. */
    private long unsentBytes() {
        long sum = 0;
        for (ByteBuffer b : socket.outQueue) {
            sum += b.remaining();
        }
        return sum;
    }

    /**
     * WRITE_WAIT as gorilla's per-write deadline: the frame at the head of outQueue is the write in progress;
     * if the same frame is still there WRITE_WAIT after it was first seen, the write could not complete.
     */
    void checkWriteDeadline(long now) {
        ByteBuffer head = socket.outQueue.peek();
        if (head == null) {
            waitingHead = null;
        } else if (head != waitingHead) {
            waitingHead = head;
            waitingSince = now;
        } else if (now - waitingSince >= writeWaitNanos) {
            queued.closeSlowConsumer("a write did not complete within WRITE_WAIT");
        }
    }

    /** No close frame: it would queue behind the data the peer is not reading. */
    private void abortSlowConsumer(String why) {
        LOG.info("closing slow consumer {}: {}", socket.getRemoteSocketAddress(), why);
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "slow consumer: " + why);
    }
    // end workaround: queue bound and WRITE_WAIT

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public void ping() {
        try {
            socket.sendPing();
            rescue.sent(socket);
        } catch (WebsocketNotConnectedException e) {
            // closing: nothing to keep alive
        }
    }

    /**
     * No frame for PONG_WAIT: drop the TCP connection without a closing handshake (the peer is gone or stuck),
     * the same way the library's own lost-connection check ends it: 1006.
     */
    @Override
    public void closeDead() {
        LOG.info("closing {}: no frame from the peer within PONG_WAIT", socket.getRemoteSocketAddress());
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no frame from the peer within PONG_WAIT");
    }
}
