package io.wsbench.core;

import java.nio.ByteBuffer;

/**
 * One open WebSocket connection as the {@link Hub} sees it. The impl owns framing, pings, back-pressure and
 * limits; sends are asynchronous and never block the caller. A send the impl cannot queue (slow consumer,
 * write deadline) ends with the impl closing the connection, not with an exception here.
 */
public interface Connection {

    void sendText(String text);

    /** Sends the remaining bytes of {@code data}; the caller must not modify it afterwards. */
    void sendBinary(ByteBuffer data);

    /** Starts the closing handshake with this code and reason. */
    void close(int code, String reason);
}
