package io.wsbench.core.client;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A load client's shared machinery; closing it closes every connection it opened. */
public interface WsClient extends AutoCloseable {

    /**
     * Opens one connection. {@code sourceAddress} (may be null) is the local address to bind, e.g. 127.0.0.2,
     * so one client JVM can hold more connections than one source address has ephemeral ports.
     */
    CompletableFuture<ClientConnection> connect(URI uri, InetAddress sourceAddress, ClientListener listener);

    /**
     * The bytes read and written so far on the sockets of every connection this client opened, counted where
     * they meet the socket (below TLS, framing and deflate): what goes over the wire. Empty when the client
     * cannot count them ({@link ClientFeature#WIRE_BYTES}).
     */
    default Optional<WireBytes> wireBytes() {
        return Optional.empty();
    }

    @Override
    void close();
}
