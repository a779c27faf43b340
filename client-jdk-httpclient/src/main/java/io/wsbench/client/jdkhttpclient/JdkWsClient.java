package io.wsbench.client.jdkhttpclient;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientFeature;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each {@link HttpClient} runs one selector thread, so the client spreads connections round-robin over
 * {@code ioThreads} HttpClients (default: one per core) instead of funnelling all of them through one thread.
 */
final class JdkWsClient implements WsClient {
    private final List<HttpClient> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final List<JdkConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    JdkWsClient(ClientOptions options) {
        int n = options.ioThreads() > 0 ? options.ioThreads() : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30));
            if (options.sslContext() != null) {
                b.sslContext(options.sslContext());
            }
            clients.add(b.build());
        }
    }

    @Override
    public CompletableFuture<ClientConnection> connect(URI uri, InetAddress sourceAddress, ClientListener listener) {
        if (sourceAddress != null) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    new JdkClientProvider().unsupported().get(ClientFeature.SOURCE_ADDRESS)));
        }
        HttpClient client = clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
        JdkConnection connection = new JdkConnection(listener, open::remove);
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, connection.listener())
                .thenApply(ws -> {
                    open.add(connection);
                    return connection;
                });
    }

    @Override
    public void close() {
        for (JdkConnection c : open) {
            c.abort();
        }
        open.clear();
        // HttpClient has no close() before JDK 21; its selector threads end once it is unreachable.
        clients.clear();
    }
}
