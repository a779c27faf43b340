package io.wsbench.client.javawebsocket;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One Java-WebSocket client connection: the library's callbacks, each handed to the {@link ClientListener}.
 * Callbacks run on the connection's own read thread ({@link #run()}), except a close caused by a failed write,
 * which the library reports from the write thread.
 *
 * <p>Close codes as the library reports them: a close the server starts gives the server's code (the library
 * answers it); a dropped TCP connection gives 1006. A close this side starts gives the code it sent: once
 * closing, WebSocketImpl.decode stops parsing frames, so the server's answering close frame is never read.
 */
final class ClientEndpoint extends WebSocketClient {
    private final ClientListener listener;
    private final Consumer<ClientEndpoint> onGone;
    private final CompletableFuture<ClientConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile JavaWebSocketClientConnection connection;
    private volatile Exception error;

    ClientEndpoint(URI uri, Draft draft, int connectTimeoutMillis, ClientListener listener,
            Consumer<ClientEndpoint> onGone) {
        super(uri, draft, null, connectTimeoutMillis);
        this.listener = listener;
        this.onGone = onGone;
    }

    /** Completed by the handshake; failed when the TCP connect, TLS or the upgrade fails. */
    CompletableFuture<ClientConnection> opened() {
        return opened;
    }

    /** Completed once the library has reported the connection closed. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // The engine holds the draft negotiated for this connection (a copy of the one passed in).
        Draft negotiated = getConnection().getDraft();
        boolean deflate = negotiated instanceof Draft_6455
                && ((Draft_6455) negotiated).getExtension() instanceof PerMessageDeflateExtension;
        connection = new JavaWebSocketClientConnection(this, deflate);
        opened.complete(connection);
    }

    @Override
    public void onMessage(String message) {
        listener.onText(connection, message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        listener.onBinary(connection, bytes);
    }

    /** Called once by the library (WebSocketImpl.closeConnection runs under its lock and checks CLOSED). */
    @Override
    public void onClose(int code, String reason, boolean remote) {
        onGone.accept(this);
        try {
            Exception cause = error;
            boolean neverOpened = opened.completeExceptionally(cause != null ? cause
                    : new IOException("WebSocket connect to " + uri + " failed: " + code + " " + reason));
            if (!neverOpened) {
                listener.onClose(connection, code, reason);
            }
        } finally {
            gone.complete(null);
        }
    }

    /** The library follows every error that ends the connection with onClose; the first cause is kept for it. */
    @Override
    public void onError(Exception ex) {
        if (error == null) {
            error = ex;
        }
    }

    /**
     * Ends the connection without a closing handshake (1006). The library's closeConnection reports the close
     * and interrupts the write thread, which closes the socket; closing the socket here as well ends a read
     * thread still blocked in connect or in the opening handshake. (A read thread that has not created its
     * socket yet is left to the client's close, which interrupts whatever threads remain.)
     */
    void abort(String reason) {
        closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
        Socket s = getSocket();
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
