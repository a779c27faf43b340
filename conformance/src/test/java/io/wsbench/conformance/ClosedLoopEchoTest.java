package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bench's closed loop as a correctness case: connections each send the next message from the callback that
 * delivers the echo of the previous one, hundreds of times, at the bench's sizes, against fresh servers on one
 * CPU ({@link OneCpuServer}, as the bench runs them). Every echo must come back, whole and in order. One echo
 * per client (the 500-client case) never has a message arrive while the server is still finishing its previous
 * write on that connection; this does, thousands of times, and that is what lost Java-WebSocket 1.6.0 an echo in
 * most bench runs (its selector dropped the write demand of an echo queued during its own write; see
 * impl-java-websocket's WriteDemandRescue). A lost echo shows as a loop that stops short; the case waits up to
 * {@link ScaledConfig#EVENTUALLY} for progress and asserts no speed.
 */
@DisplayName("§3.2 Messages under a closed loop")
@ExtendWith(ConformanceMatrix.class)
class ClosedLoopEchoTest {
    /** Many short runs on fresh server JVMs: the race showed most in a JVM that is still interpreting. */
    private static final int SERVERS = 6;
    private static final int CONNECTIONS = 4;
    /** Each size in turn, smallest first, like the bench's echo (the smallest turns around fastest). */
    private static final int ROUND_TRIPS = 150;
    private static final int[] SIZES = {64, 1024, 16 * 1024};

    @ForEachImpl
    void everyEchoOfManyClosedLoopsComesBack(ServerImpl impl) throws Exception {
        for (int s = 1; s <= SERVERS; s++) {
            try (OneCpuServer server = OneCpuServer.start(impl.name())) {
                runLoops(server, s);
            }
        }
        ConformanceMatrix.saw(SERVERS + " servers x " + CONNECTIONS + " x " + ROUND_TRIPS + " round trips");
    }

    private static void runLoops(OneCpuServer server, int serverNumber) throws Exception {
        List<EchoLoop> loops = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < CONNECTIONS; c++) {
                EchoLoop loop = new EchoLoop(c);
                sockets.add(JdkClient.HTTP.newWebSocketBuilder().buildAsync(server.uri(), loop)
                        .get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS));
                loops.add(loop);
            }
            loops.forEach(EchoLoop::start);
            // Progress, not speed: a loop is given up on only after no echo for half of EVENTUALLY.
            for (EchoLoop loop : loops) {
                await().atMost(ScaledConfig.EVENTUALLY).until(() -> loop.finished() || loop.stalled());
            }
            for (EchoLoop loop : loops) {
                String where = "server " + serverNumber + " (log " + server.log() + "), connection " + loop.connection;
                assertThat(loop.failure()).as(where).isNull();
                assertThat(loop.echoes()).as("echoes back on %s, %d sent", where, loop.sent())
                        .isEqualTo(ROUND_TRIPS);
            }
        } finally {
            sockets.forEach(WebSocket::abort);
        }
    }

    /** One connection's loop, driven by the JDK client's callbacks like the bench's EchoLoad. */
    private static final class EchoLoop implements WebSocket.Listener {
        final int connection;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket ws;
        private volatile int sent;
        private volatile int echoes;
        private volatile long lastProgressNanos = System.nanoTime();
        private volatile String failure;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        EchoLoop(int connection) {
            this.connection = connection;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        void start() {
            sendNext();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String echo = partial.toString();
                partial.setLength(0);
                if (!echo.equals(message(echoes))) {
                    failure = "echo " + echoes + " was " + JdkClient.abbreviate(echo);
                } else {
                    echoes++;
                    lastProgressNanos = System.nanoTime();
                    if (echoes < ROUND_TRIPS) {
                        sendNext();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failure = "closed by the server with " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure = "connection failed: " + error;
        }

        /** java.net.http allows one outstanding send: chain on the previous one (it may still be completing). */
        private synchronized void sendNext() {
            String message = message(sent++);
            sending = sending.thenCompose(x -> ws.sendText(message, true)).whenComplete((x, e) -> {
                if (e != null) {
                    failure = "send failed: " + e;
                }
            });
        }

        private String message(int i) {
            return "c" + connection + " " + Payloads.numbered(i, SIZES[i * SIZES.length / ROUND_TRIPS]);
        }

        boolean finished() {
            return echoes == ROUND_TRIPS || failure != null;
        }

        boolean stalled() {
            return System.nanoTime() - lastProgressNanos > ScaledConfig.EVENTUALLY.toNanos() / 2;
        }

        int echoes() {
            return echoes;
        }

        int sent() {
            return sent;
        }

        String failure() {
            return failure;
        }
    }
}
