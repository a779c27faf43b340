package io.wsbench.client.javawebsocket;

import io.wsbench.core.client.ClientConnection;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One open connection as the load generator sees it. A send builds the frame (and compresses it) on the calling
 * thread and puts it on the connection's queue, which the library's write thread drains.
 */
final class JavaWebSocketClientConnection implements ClientConnection {
    private final WebSocket socket;
    private final boolean compressed;

    JavaWebSocketClientConnection(WebSocket socket, boolean compressed) {
        this.socket = socket;
        this.compressed = compressed;
    }

    /**
     * Serialized per connection: the library compresses outside its own write lock (WebSocketImpl.send runs
     * the extension's encodeFrame before it queues the frame), so two threads sending on a deflate connection
     * would share one Deflater and corrupt the stream (the server adapter's finding, the same code path).
     */
    @Override
    public synchronized void sendText(String text) {
        try {
            socket.send(text);
        } catch (WebsocketNotConnectedException e) {
            // closing or closed: the listener hears about it from onClose
        }
    }

    @Override
    public synchronized void sendBinary(ByteBuffer data) {
        try {
            socket.send(framePayload(data));
        } catch (WebsocketNotConnectedException e) {
            // closing or closed: the listener hears about it from onClose
        }
    }

    /**
     * The library consumes the buffer it is given (masking reads it to the end), so it gets a view and the
     * caller's position stays put. PerMessageDeflateExtension.encodeFrame compresses {@code payload.array()}
     * whole, ignoring position and limit: on a deflate connection it needs an exact heap array.
     */
    private ByteBuffer framePayload(ByteBuffer data) {
        boolean exactArray = data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
                && data.limit() == data.capacity();
        if (!compressed || exactArray) {
            return data.duplicate();
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason); // synchronized in the library; a close frame is never compressed
    }

    @Override
    public boolean compressed() {
        return compressed;
    }
}
