package io.wsbench.core;

/** A running WebSocket endpoint of one stack. Closing it stops accepting and releases every resource. */
public interface Transport extends AutoCloseable {

    /** The bound port (the real one when the config asked for port 0). */
    int port();

    /** Stops the server; connections still open are dropped. {@link NotificationServer} sends 1001 first. */
    @Override
    void close() throws Exception;
}
