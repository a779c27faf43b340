package io.wsbench.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How a connection ended as the client saw it: the server's close frame (its code, 1005 when it carried none), or
 * the TCP connection ending without one, or not ending at all within the wait. Its {@code toString} is what the
 * matrix shows as "close code seen".
 */
record Close(int code, String reason, String how) {
    static final int NONE = -1;

    static Close fromFrame(byte[] payload) {
        if (payload.length == 0) {
            return new Close(1005, "", "close frame");
        }
        if (payload.length == 1) {
            return new Close(NONE, "", "malformed close frame (1-byte payload)");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return new Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8), "close frame");
    }

    static Close withoutFrame(String how) {
        return new Close(NONE, "", how);
    }

    static Close stillOpen(Duration waited) {
        return new Close(NONE, "", "still open after " + waited.toMillis() + " ms");
    }

    boolean hasFrame() {
        return code != NONE;
    }

    /** The server ended the connection, with or without a close frame. */
    boolean ended() {
        return !how.startsWith("still open");
    }

    @Override
    public String toString() {
        return hasFrame() ? Integer.toString(code) : how;
    }
}
