package io.wsbench.impl.undertow;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.Connection;
import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.QueuedBytes;
import io.wsbench.core.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One WebSocket channel as the hub sees it. {@code WebSockets.send*} queue a frame and return at once, from any
 * thread. Undertow's outgoing queue has no bound, so this class keeps the two limits itself:
 * <ul>
 *   <li>{@code MAX_QUEUED_BYTES}: bytes handed to Undertow and not yet written, counted in core's
 *       {@link QueuedBytes} (added on send, taken off in the send's {@link WebSocketCallback}); passing it aborts
 *       the connection;</li>
 *   <li>{@code WRITE_WAIT}: Undertow's own per-send timeout ({@code timeoutmillis}) closes a frame that has not
 *       gone out in time. It reports that as an error when the frame was half written, but as
 *       <em>completed</em> when the frame was still waiting behind another one (the frame is dropped), so the
 *       callback also checks the time the send took.</li>
 * </ul>
 */
final class UndertowConnection implements Connection, Heartbeat.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(UndertowConnection.class);
    private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0);
    /**
     * For pings and our close frame. With no callback, a send that races with a close already under way
     * (Undertow refuses frames after its close frame) makes Undertow abort the TCP connection, cutting short
     * the closing handshake; with one, the refusal is just reported here and ignored.
     */
    private static final WebSocketCallback<Void> KEEP_CLOSING = new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel channel, Void context) {
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
        }
    };

    private final WebSocketChannel channel;
    private final Hub hub;
    private final long writeWaitMillis;
    private final long writeWaitNanos;
    private final QueuedBytes queued;
    private final Heartbeat.Watch watch;
    /** The code of a close this side started via {@link #close}, 0 if none. */
    private volatile int ownCloseCode;
    /** The code in the peer's close frame, 0 if none arrived. */
    private volatile int peerCloseCode;

    UndertowConnection(WebSocketChannel channel, Hub hub, ServerConfig config, Heartbeat heartbeat) {
        this.channel = channel;
        this.hub = hub;
        this.writeWaitMillis = config.writeWait().toMillis();
        this.writeWaitNanos = config.writeWait().toNanos();
        this.queued = QueuedBytes.exact(config.maxQueuedBytes(), hub, this, this::abortSlowConsumer);
        this.watch = heartbeat.watch(this);
    }

    @Override
    public void sendText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (queued.add(utf8.length)) {
            WebSockets.sendText(ByteBuffer.wrap(utf8), channel, new Send(utf8.length), writeWaitMillis);
        }
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        int size = data.remaining();
        if (queued.add(size)) {
            WebSockets.sendBinary(data, channel, new Send(size), writeWaitMillis);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!channel.isCloseFrameSent()) {
            ownCloseCode = code;
            WebSockets.sendClose(code, reason, channel, KEEP_CLOSING);
        }
    }

    @Override
    public void ping() {
        if (!channel.isCloseFrameSent()) {
            WebSockets.sendPing(NO_PAYLOAD, channel, KEEP_CLOSING);
        }
    }

    /** No frame for PONG_WAIT: the peer is gone, so no close handshake to wait for. */
    @Override
    public void closeDead() {
        LOG.info("closing {}: no frame from the peer for PONG_WAIT", channel.getSourceAddress());
        IoUtils.safeClose(channel);
    }

    /** A protocol violation Undertow let through: close 1002, then drop the connection once that is written. */
    void protocolError(String reason) {
        WebSockets.sendClose(CloseCodes.PROTOCOL_ERROR, reason, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                IoUtils.safeClose(ch);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                IoUtils.safeClose(ch);
            }
        });
    }

    /** A frame (or part of one) arrived. */
    void alive() {
        watch.alive();
    }

    void peerClosed(int code) {
        peerCloseCode = code;
    }

    /** Undertow's close task: the TCP connection is gone. */
    void closed() {
        watch.stop();
        hub.closed(this, closeCode());
    }

    /**
     * Whose close frame ended the connection: the peer's if it spoke first, else ours (ours via {@link #close},
     * or Undertow's own 1002/1007/1009), else 1006. Undertow also marks a close as "sent" with 1000 when the TCP
     * connection simply ends, which is why 1000 counts only when a close frame really arrived or we sent it.
     */
    private int closeCode() {
        int peer = peerCloseCode;
        if (peer != 0 && channel.isCloseInitiatedByRemotePeer()) {
            return peer;
        }
        if (ownCloseCode != 0) {
            return ownCloseCode;
        }
        if (channel.isCloseFrameSent() && channel.getCloseCode() != CloseCodes.NORMAL && channel.getCloseCode() > 0) {
            return channel.getCloseCode();
        }
        return peer != 0 ? peer : CloseCodes.ABNORMAL;
    }

    // workaround: queue bound and WRITE_WAIT | missing | no upstream issue
    /** Aborts the TCP connection: a close handshake would queue behind the data the peer does not read. */
    private void abortSlowConsumer(String why) {
        LOG.info("closing slow consumer {}: {}", channel.getSourceAddress(), why);
        IoUtils.safeClose(channel);
    }

    /** One send's bookkeeping: its size (for the queued-bytes count) and when it was handed over. */
    private final class Send implements WebSocketCallback<Void> {
        private final int size;
        private final long started = System.nanoTime();

        Send(int size) {
            this.size = size;
        }

        @Override
        public void complete(WebSocketChannel ch, Void context) {
            done();
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable error) {
            done();
        }

        private void done() {
            queued.remove(size);
            if (System.nanoTime() - started >= writeWaitNanos) {
                queued.closeSlowConsumer("a send did not complete within WRITE_WAIT");
            }
        }
    }
    // end workaround: queue bound and WRITE_WAIT
}
