package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.LoadClients;
import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Large messages against a real server (Netty, in this JVM, READ_LIMIT 256 KiB) through the Netty client. */
class MessageEchoTest {
    private static final int LIMIT = 256 * 1024;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static NotificationServer server;
    private static URI uri;
    private static WsClient client;

    @BeforeAll
    static void start() throws Exception {
        server = NotificationServer.start(ServerConfig.defaults().withImpl("netty").withPorts(0, 0)
                .withReadLimit(LIMIT).withMaxQueuedBytes(4L * LIMIT));
        uri = URI.create("ws://127.0.0.1:" + server.port() + server.config().path());
        client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void textAndBinaryOfExactlyTheLimitComeBackIntactOverOneConnection() throws Exception {
        try (MessageEcho echo = MessageEcho.open(client, uri)) {
            for (LargeMessage m : new LargeMessage[] {LargeMessage.text(LIMIT, 1), LargeMessage.binary(LIMIT, 2),
                    LargeMessage.text(LIMIT, 3)}) {
                MessageEcho.Outcome outcome = echo.echo(m, PATIENCE);
                assertThat(outcome.kind()).as(outcome.describe()).isEqualTo(MessageEcho.Kind.INTACT);
                assertThat(outcome.roundTripNanos()).isPositive();
            }
            assertThat(echo.isOpen()).isTrue();
        }
    }

    @Test
    void oneByteOverTheLimitIsReportedAsTheCloseCodeNotThrown() throws Exception {
        try (MessageEcho echo = MessageEcho.open(client, uri)) {
            MessageEcho.Outcome outcome = echo.echo(LargeMessage.binary(LIMIT + 1, 4), PATIENCE);
            assertThat(outcome.kind()).as(outcome.describe()).isEqualTo(MessageEcho.Kind.CLOSED);
            assertThat(outcome.closeCode()).isEqualTo(1009);
            assertThat(echo.isOpen()).isFalse();
            // a closed connection answers the next message with the same close at once
            assertThat(echo.echo(LargeMessage.text(16, 5), PATIENCE).closeCode()).isEqualTo(1009);
        }
    }
}
