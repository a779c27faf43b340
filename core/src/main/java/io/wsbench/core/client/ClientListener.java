package io.wsbench.core.client;

import java.nio.ByteBuffer;

/** Events of one client connection, called on the client's I/O threads: keep them short. */
public interface ClientListener {

    void onText(ClientConnection connection, String text);

    /** {@code data} is only valid during the call: copy what you keep. */
    default void onBinary(ClientConnection connection, ByteBuffer data) {
    }

    /** The connection ended: the close code received (1006 when the TCP connection dropped without one). */
    default void onClose(ClientConnection connection, int code, String reason) {
    }
}
