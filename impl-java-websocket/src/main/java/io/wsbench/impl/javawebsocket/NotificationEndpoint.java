package io.wsbench.impl.javawebsocket;

import io.wsbench.core.Heartbeat;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint: Java-WebSocket's server callbacks, each handed to the {@link Hub} or to the
 * connection's heartbeat. Java-WebSocket accepts an upgrade on any path, so the handshake callback rejects
 * every path but {@code WS_PATH} (the library answers a rejected handshake with its only error page,
 * {@code 404 WebSocket Upgrade Failure}).
 */
final class NotificationEndpoint extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationEndpoint.class);

    private final ServerConfig config;
    private final Hub hub;
    private final Heartbeat heartbeat;
    private final WriteDemandRescue rescue;
    private final Set<JavaWebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    NotificationEndpoint(ServerConfig config, Hub hub, List<Draft> drafts, Heartbeat heartbeat,
            ScheduledExecutorService timer) {
        super(new InetSocketAddress(config.host(), config.port()), drafts);
        this.config = config;
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.rescue = new WriteDemandRescue(this, timer);
    }

    WriteDemandRescue rescue() {
        return rescue;
    }

    CompletableFuture<Void> started() {
        return started;
    }

    Collection<JavaWebSocketConnection> openConnections() {
        return open;
    }

    /** The library's worker threads, so the transport can wait for them on close. */
    List<? extends Thread> workers() {
        return decoders;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        String resource = request.getResourceDescriptor();
        int query = resource.indexOf('?');
        String path = query < 0 ? resource : resource.substring(0, query);
        if (!path.equals(config.path())) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no WebSocket endpoint at " + path);
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        JavaWebSocketConnection c = new JavaWebSocketConnection((WebSocketImpl) conn, hub,
                config.maxQueuedBytes(), config.writeWait().toNanos(), rescue);
        hub.opened(c);
        c.watch(heartbeat);
        conn.setAttachment(c); // from here on onClose can end it
        open.add(c);
        // workaround: onOpen after the close | defect | no upstream issue
        // A library race: the selector thread runs eot() (the peer hung up) while a worker thread is still inside
        // decodeHandshake(). eot() sees NOT_YET_CONNECTED, closes the channel and reports the close before the
        // connection is in the server's set, so WebSocketServer drops that onClose; the worker then calls open()
        // anyway and we get onOpen for a connection whose socket is already closed, and no onClose ever after.
        // An onClose that came before open.add above found nothing to end; the channel closed before it came.
        if (!((WebSocketImpl) conn).getChannel().isOpen()) {
            removeConnection(conn);
            ended(c, CloseFrame.ABNORMAL_CLOSE);
        }
        // end workaround: onOpen after the close
    }

    @Override
    public void onClosing(WebSocket conn, int code, String reason, boolean remote) {
        JavaWebSocketConnection c = conn.getAttachment();
        if (c != null) {
            c.closing(code);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        JavaWebSocketConnection c = conn.getAttachment();
        if (c != null) {
            // A library race: WebSocketImpl.close() puts the close frame on the wire before it marks the
            // connection as closing, and eot() reads that mark outside the lock. When the peer gets the frame and
            // hangs up inside that window, eot() reports 1006 (remote) although the handshake code went out.
            // Only eot() reports 1006 with remote=true; then the code of the closing handshake is the true one.
            ended(c, code == CloseFrame.ABNORMAL_CLOSE && remote && c.closingCode() != 0 ? c.closingCode() : code);
        }
    }

    /** Reports {@code c} closed to the hub once, whichever of onClose and onOpen's check sees the close first. */
    private void ended(JavaWebSocketConnection c, int code) {
        if (open.remove(c)) {
            c.closed(code);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JavaWebSocketConnection c = conn.getAttachment();
        c.alive();
        hub.onText(c, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        JavaWebSocketConnection c = conn.getAttachment();
        c.alive();
        hub.onBinary(c, message);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        JavaWebSocketConnection c = conn.getAttachment();
        if (c != null) {
            c.alive();
        }
        super.onWebsocketPing(conn, f); // the library's pong
        if (c != null) {
            c.ponged();
        }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        JavaWebSocketConnection c = conn.getAttachment();
        if (c != null) {
            c.alive();
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            // A server-level failure (e.g. the port is taken): before onStart it means start() failed.
            if (!started.completeExceptionally(ex)) {
                LOG.error("java-websocket server error: {}", ex.toString());
            }
        } else {
            // Protocol errors and I/O failures of one connection; the library closes it and onClose follows.
            LOG.debug("connection error: {}", ex.toString());
        }
    }
}
