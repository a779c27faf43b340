package io.wsbench.core.client;

import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** A load client's shared machinery; closing it closes every connection it opened. */
public interface WsClient extends AutoCloseable {

    /**
     * Opens one connection. {@code sourceAddress} (may be null) is the local address to bind, e.g. 127.0.0.2,
     * so one client JVM can hold more connections than one source address has ephemeral ports.
     */
    CompletableFuture<ClientConnection> connect(URI uri, InetAddress sourceAddress, ClientListener listener);

    @Override
    void close();
}
