package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EchoLoadTest {
    private static final URI SERVER = URI.create("ws://127.0.0.1:1/ws-notifications");
    private final ExecutorService io = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopIo() {
        io.shutdownNow();
    }

    @Test
    void everyEchoIsRecordedAndStopWaitsForTheLastOnes() throws Exception {
        try (EchoLoad load = EchoLoad.open(new LoopbackClient(io, UnaryOperator.identity()), SERVER, 8)) {
            load.start(EchoLoad.text(64));
            Thread.sleep(50);
            EchoWindow window = load.cut();
            load.stop(Duration.ofSeconds(5));
            assertThat(window.messages()).isPositive();
            assertThat(load.problem()).isNull();
            load.start(EchoLoad.text(1024));
            load.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void anEchoThatIsNotTheMessageFailsTheRun() throws Exception {
        try (EchoLoad load = EchoLoad.open(new LoopbackClient(io, t -> t + "!"), SERVER, 2)) {
            load.start(EchoLoad.text(64));
            Thread.sleep(20);
            assertThatThrownBy(() -> load.stop(Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class).hasMessageContaining("did not match");
        }
    }

    @Test
    void messagesAreExactlyTheirSizeInBytes() {
        assertThat(EchoLoad.text(16 * 1024).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(16 * 1024);
    }

    /** Answers each text on another thread with {@code reply(text)}, as a server would. */
    private record LoopbackClient(ExecutorService io, UnaryOperator<String> reply) implements WsClient {

        @Override
        public CompletableFuture<ClientConnection> connect(URI uri, InetAddress source, ClientListener listener) {
            return CompletableFuture.completedFuture(new ClientConnection() {
                @Override
                public void sendText(String text) {
                    io.execute(() -> listener.onText(this, reply.apply(text)));
                }

                @Override
                public void sendBinary(ByteBuffer data) {
                }

                @Override
                public void close(int code, String reason) {
                    listener.onClose(this, code, reason);
                }

                @Override
                public boolean compressed() {
                    return false;
                }
            });
        }

        @Override
        public void close() {
        }
    }
}
