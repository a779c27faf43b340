package io.wsbench.client.jdkhttpclient;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One connection. {@code java.net.http.WebSocket} allows a single outstanding send, so sends are chained on a
 * tail future; partial messages are joined before the listener sees them.
 */
final class JdkConnection implements ClientConnection {
    private final ClientListener listener;
    private final Consumer<JdkConnection> onGone;
    private volatile WebSocket ws;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private volatile boolean gone;

    JdkConnection(ClientListener listener, Consumer<JdkConnection> onGone) {
        this.listener = listener;
        this.onGone = onGone;
    }

    @Override
    public synchronized void sendText(String text) {
        tail = tail.thenCompose(x -> ws.sendText(text, true));
    }

    @Override
    public synchronized void sendBinary(ByteBuffer data) {
        tail = tail.thenCompose(x -> ws.sendBinary(data, true));
    }

    @Override
    public synchronized void close(int code, String reason) {
        tail = tail.thenCompose(x -> ws.sendClose(code, reason));
    }

    @Override
    public boolean compressed() {
        return false;
    }

    void abort() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    private void gone(int code, String reason) {
        if (!gone) {
            gone = true;
            onGone.accept(this);
            listener.onClose(this, code, reason);
        }
    }

    WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private StringBuilder text;
            private ByteBuffer binary;

            @Override
            public void onOpen(WebSocket webSocket) {
                ws = webSocket;
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                if (last && text == null) {
                    listener.onText(JdkConnection.this, data.toString());
                } else {
                    if (text == null) {
                        text = new StringBuilder();
                    }
                    text.append(data);
                    if (last) {
                        String whole = text.toString();
                        text = null;
                        listener.onText(JdkConnection.this, whole);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (last && binary == null) {
                    listener.onBinary(JdkConnection.this, data);
                } else {
                    ByteBuffer joined = ByteBuffer.allocate((binary == null ? 0 : binary.remaining()) + data.remaining());
                    if (binary != null) {
                        joined.put(binary);
                    }
                    joined.put(data).flip();
                    binary = last ? null : joined;
                    if (last) {
                        listener.onBinary(JdkConnection.this, joined);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                gone(statusCode, reason);
                return null; // the JDK answers the close with the same code
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                gone(1006, String.valueOf(error));
            }
        };
    }
}
