package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionSetTest {
    private static final URI SERVER = URI.create("ws://127.0.0.1:1/ws-notifications");
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIo() {
        io.shutdownNow();
    }

    @Test
    void aBatchThatCannotOpenFailsWithoutCountingItsClosesAsAProblem() throws Exception {
        FakeHubClient hub = new FakeHubClient(io, i -> false);
        WsClient thirdFails = new WsClient() {
            private int n;

            @Override
            public CompletableFuture<ClientConnection> connect(URI uri, InetAddress source, ClientListener l) {
                return ++n == 3 ? CompletableFuture.failedFuture(new ConnectException("refused"))
                        : hub.connect(uri, source, l);
            }

            @Override
            public void close() {
            }
        };
        try (ConnectionSet set = new ConnectionSet(thirdFails, SERVER)) {
            assertThatThrownBy(() -> set.open(listeners(4)))
                    .isInstanceOf(IOException.class).hasMessageContaining("only 2 of 4 connections").hasMessageContaining("refused");
            assertThat(set.size()).isZero();
            assertThat(set.open(listeners(2))).hasSize(2);
            io.submit(() -> { }).get(); // the closes of the failed batch have been delivered
            assertThat(set.problem()).isNull();
        }
    }

    @Test
    void connectionsClosedByTheServerAreAProblemAndOursAreNot() throws Exception {
        FakeHubClient hub = new FakeHubClient(io, i -> false);
        ConnectionSet set = new ConnectionSet(hub, SERVER);
        set.open(listeners(3));
        set.close();
        assertThat(set.problem()).isNull();
        ConnectionSet dropped = new ConnectionSet(hub, SERVER);
        dropped.open(listeners(2));
        hub.dropAll();
        io.submit(() -> { }).get(); // the drops have been delivered
        dropped.close();
        assertThat(dropped.problem()).startsWith("2 of 2 connections closed during the run (first: 1006");
    }

    private static List<ClientListener> listeners(int n) {
        return IntStream.range(0, n).<ClientListener>mapToObj(i -> (c, text) -> { }).toList();
    }
}
