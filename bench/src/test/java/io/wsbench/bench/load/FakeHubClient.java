package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * A client whose connections talk to an in-memory Hub on one other thread, as a server would: a broadcast
 * command goes to every connection (except those {@code deaf} to it) and its result to the sender; anything
 * else comes back unchanged, though the first {@code held} messages only once the {@code held}-th has arrived
 * (a server that stalls). {@link #dropAll} closes every connection from the "server" side.
 */
final class FakeHubClient implements WsClient {
    private static final String COMMAND = "{\"type\":\"broadcast\",";

    private final ExecutorService io;
    private final Predicate<Integer> deaf;
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final int held;
    /** Echoes held back while the "server" stalls; touched on the io thread only. */
    private final List<Runnable> stalled = new ArrayList<>();
    private int received;

    FakeHubClient(ExecutorService io, Predicate<Integer> deaf) {
        this(io, deaf, 0);
    }

    FakeHubClient(ExecutorService io, Predicate<Integer> deaf, int held) {
        this.io = io;
        this.deaf = deaf;
        this.held = held;
    }

    int opened() {
        return connections.size();
    }

    void dropAll() {
        connections.forEach(c -> io.execute(() -> c.listener.onClose(c, 1006, "")));
    }

    @Override
    public CompletableFuture<ClientConnection> connect(URI uri, InetAddress source, ClientListener listener) {
        Conn c = new Conn(connections.size(), listener);
        connections.add(c);
        return CompletableFuture.completedFuture(c);
    }

    @Override
    public void close() {
    }

    private final class Conn implements ClientConnection {
        final int index;
        final ClientListener listener;

        Conn(int index, ClientListener listener) {
            this.index = index;
            this.listener = listener;
        }

        @Override
        public void sendText(String text) {
            io.execute(() -> {
                if (!text.startsWith(COMMAND)) {
                    echo(text);
                    return;
                }
                // the command is byte for byte what the Hub sends every client for it
                for (Conn c : connections) {
                    if (!deaf.test(c.index)) {
                        c.listener.onText(c, text);
                    }
                }
                listener.onText(this, text.replace("\"broadcast\"", "\"broadcastResult\""));
            });
        }

        private void echo(String text) {
            received++;
            if (received < held) {
                stalled.add(() -> listener.onText(this, text));
                return;
            }
            stalled.forEach(Runnable::run);
            stalled.clear();
            listener.onText(this, text);
        }

        @Override
        public void sendBinary(ByteBuffer data) {
        }

        @Override
        public void close(int code, String reason) {
            io.execute(() -> listener.onClose(this, code, reason));
        }

        @Override
        public boolean compressed() {
            return false;
        }
    }
}
