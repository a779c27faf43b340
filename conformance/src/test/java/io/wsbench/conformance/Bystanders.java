package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One well-behaved client per server that stays connected while other cases abuse that server, proving SPEC
 * §3.6's "none of it affects other connections" after each abuse, not just that the server still accepts new ones.
 */
final class Bystanders implements AutoCloseable {
    private final Map<ServerUnderTest, JdkClient> clients = new IdentityHashMap<>();
    private int sequence;

    /** The bystander on this server (connected on first use) still gets its own echo. */
    synchronized void assertStillEchoes(ServerUnderTest server) throws Exception {
        JdkClient client = clients.get(server);
        if (client == null) {
            client = JdkClient.connect(server);
            clients.put(server, client);
        }
        assertThat(client.closed().isDone())
                .withFailMessage("the bystander connection was closed (%s) by another connection's bad input",
                        client.closed().getNow(null))
                .isFalse();
        String text = "bystander " + (++sequence);
        client.sendText(text);
        assertThat(client.nextText()).as("the bystander's echo").isEqualTo(text);
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(JdkClient::close);
        clients.clear();
    }
}
