package io.wsbench.impl.jetty;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.Connection;
import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.QueuedBytes;
import io.wsbench.core.ServerConfig;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.exception.WebSocketWriteTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: Jetty's message events go to the {@link Hub}, the hub's sends come back here.
 *
 * <p>Jetty does the framing, reassembly, READ_LIMIT (1009), UTF-8 (1007) and protocol checks (1002). What it
 * lacks is added here, as small as possible:
 * <ul>
 *   <li>server pings and the PONG_WAIT deadline: Jetty has no ping timer, and its idle timeout is reset by our
 *       own pings (writes), so core's {@link Heartbeat} runs them;</li>
 *   <li>WRITE_WAIT: Jetty's own per-frame write timeout, which its core API has but the Jetty API does not
 *       expose, so data frames are sent on the {@link CoreSession} with {@link OutgoingEntry#getFrameTimeout()};
 *       on expiry Jetty aborts the connection and reports a {@link WebSocketWriteTimeoutException};</li>
 *   <li>MAX_QUEUED_BYTES: Jetty's queue is unbounded ({@code maxOutgoingFrames} counts frames and only fails
 *       the send), so unsent payload bytes are counted from send callbacks in core's {@link QueuedBytes}.</li>
 * </ul>
 *
 * <p>Public only because Jetty binds the listener methods through method handles, which need a public class.
 */
public final class NotificationEndpoint implements Session.Listener.AutoDemanding, Connection, Heartbeat.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationEndpoint.class);

    private final Hub hub;
    private final Heartbeat heartbeat;
    private final long writeWaitMillis;
    private final QueuedBytes queued;

    // Set in onWebSocketOpen, before hub.opened publishes this connection to other threads.
    private Session session;
    private CoreSession core;
    private Heartbeat.Watch watch;
    private SocketAddress remote; // kept for log lines: Jetty forgets it once the connection is closed

    // The binary message being echoed: Jetty's buffer stays valid until its callback completes, so the echo
    // sends that very buffer and completes the callback when the send is done (no copy). Only touched by the
    // thread delivering this connection's messages, which is also the thread that echoes (Hub.onBinary).
    private ByteBuffer inbound;
    private Callback inboundDone;

    NotificationEndpoint(Hub hub, Heartbeat heartbeat, ServerConfig config) {
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.writeWaitMillis = config.writeWait().toMillis();
        this.queued = QueuedBytes.exact(config.maxQueuedBytes(), hub, this, this::abortSlowConsumer);
    }

    // ---- Jetty's events ----

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.core = ((WebSocketSession) session).getCoreSession();
        this.remote = session.getRemoteSocketAddress();
        this.watch = heartbeat.watch(this);
        hub.opened(this);
    }

    // Every inbound frame extends the PONG_WAIT deadline. Jetty's API hands over whole messages, so a fragmented
    // message counts when it completes; pings and pongs count on arrival.
    @Override
    public void onWebSocketText(String message) {
        watch.alive();
        hub.onText(this, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        watch.alive();
        inbound = payload;
        inboundDone = callback;
        try {
            hub.onBinary(this, payload);
        } finally {
            Callback unclaimed = claim(payload);
            if (unclaimed != null) {
                unclaimed.succeed();
            }
        }
    }

    /** Declaring this turns off Jetty's automatic pong, so the pong is sent here. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        watch.alive();
        session.sendPong(payload, Callback.NOOP);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        watch.alive();
    }

    /**
     * Bad input, limits, dropped peers and write timeouts end here, just before the close; Jetty has already
     * picked the close code. A write timeout is recognised here rather than in the send callbacks: with
     * permessage-deflate the queued sends fail with the extension's own "Closed", not the timeout.
     */
    @Override
    public void onWebSocketError(Throwable cause) {
        if (isWriteTimeout(cause)) {
            queued.closeSlowConsumer("a send took longer than WRITE_WAIT");
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("jetty: connection {} failed: {}", remote, cause.toString());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (watch != null) {
            watch.stop();
        }
        hub.closed(this, statusCode);
        callback.succeed();
    }

    // ---- Connection: the hub's calls, from any thread ----

    @Override
    public void sendText(String text) {
        send(new Frame(OpCode.TEXT).setPayload(text), null);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        send(new Frame(OpCode.BINARY).setPayload(data), claim(data));
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    // ---- Heartbeat.Peer ----

    // workaround: server heartbeat | missing | no upstream issue
    @Override
    public void ping() {
        session.sendPing(BufferUtil.EMPTY_BUFFER, Callback.NOOP);
    }

    /**
     * Sends 1001 (Jetty closes the TCP connection right after writing any close code but 1000, without
     * waiting for the answer) and disconnects at once in case a dead peer's full buffers block even that.
     */
    @Override
    public void closeDead() {
        if (LOG.isDebugEnabled()) {
            LOG.debug("jetty: closing {}: no frame within PONG_WAIT", remote);
        }
        session.close(CloseCodes.GOING_AWAY, "no pong", Callback.NOOP);
        session.disconnect();
    }
    // end workaround: server heartbeat

    // ---- sending ----

    // workaround: WRITE_WAIT via the core session | missing | jetty/jetty.project#847
    private void send(Frame frame, Callback release) {
        int bytes = frame.getPayloadLength();
        if (!queued.add(bytes)) {
            if (release != null) {
                release.succeed();
            }
            return;
        }
        core.sendFrame(new OutgoingEntry.Builder(frame, new Sent(bytes, release))
                .frameTimeout(writeWaitMillis)
                .build());
    }
    // end workaround: WRITE_WAIT via the core session

    /** Takes over Jetty's callback for {@code data} if it is the binary message being delivered right now. */
    private Callback claim(ByteBuffer data) {
        if (data != inbound) {
            return null;
        }
        Callback done = inboundDone;
        inbound = null;
        inboundDone = null;
        return done;
    }

    // workaround: queue bound in bytes | missing | jetty/jetty.project#4824
    /** The peer does not read: abort, a closing handshake could not get through. */
    private void abortSlowConsumer(String why) {
        LOG.info("jetty: closing slow consumer {}: {}", remote, why);
        session.disconnect();
    }

    private static boolean isWriteTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof WebSocketWriteTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Completion of one data frame: the bytes leave the queue, a borrowed inbound buffer goes back to Jetty. */
    private final class Sent implements org.eclipse.jetty.util.Callback {
        private final int bytes;
        private final Callback release;

        Sent(int bytes, Callback release) {
            this.bytes = bytes;
            this.release = release;
        }

        @Override
        public void succeeded() {
            done();
        }

        @Override
        public void failed(Throwable failure) {
            done();
        }

        private void done() {
            queued.remove(bytes);
            if (release != null) {
                // always "succeed": failing Jetty's message callback would make it close the connection again
                release.succeed();
            }
        }
    }
    // end workaround: queue bound in bytes
}
