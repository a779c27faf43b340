package io.wsbench.core.client;

import java.nio.ByteBuffer;

/** One open client connection. Sends are asynchronous and may be called from any thread. */
public interface ClientConnection {

    void sendText(String text);

    void sendBinary(ByteBuffer data);

    /** Starts the closing handshake. */
    void close(int code, String reason);

    /** Whether permessage-deflate was negotiated on this connection. */
    boolean compressed();
}
