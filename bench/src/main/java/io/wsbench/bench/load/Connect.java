package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One connection opened and waited for, with an error that names the URI: for the single-connection probes. */
final class Connect {
    private Connect() {
    }

    /** @throws IOException when the handshake fails or takes longer than {@code patience} */
    static ClientConnection within(WsClient client, URI uri, ClientListener listener, Duration patience)
            throws IOException, InterruptedException {
        try {
            return client.connect(uri, null, listener).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no connection to " + uri + " within " + patience.toSeconds() + " s");
        }
    }
}
