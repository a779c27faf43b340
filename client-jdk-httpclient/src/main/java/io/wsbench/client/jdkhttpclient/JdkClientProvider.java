package io.wsbench.client.jdkhttpclient;

import io.wsbench.core.client.ClientFeature;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;
import java.util.Map;

/** The JDK's own {@code java.net.http.WebSocket} as a load client: no dependency at all. */
public final class JdkClientProvider implements ClientProvider {

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public String library() {
        return "java.net.http (JDK " + Runtime.version() + ")";
    }

    @Override
    public Map<ClientFeature, String> unsupported() {
        return Map.of(
                ClientFeature.COMPRESSION, "java.net.http.WebSocket has no permessage-deflate",
                ClientFeature.SOURCE_ADDRESS, "HttpClient.Builder.localAddress exists only from JDK 19; wsbench targets 17",
                ClientFeature.NO_CONTEXT_TAKEOVER, "java.net.http.WebSocket has no permessage-deflate",
                ClientFeature.WIRE_BYTES, "java.net.http.WebSocket does not expose its socket; wsbench counts socket"
                        + " bytes only in the Netty client");
    }

    @Override
    public WsClient create(ClientOptions options) {
        if (options.compression()) {
            throw new IllegalArgumentException(unsupported().get(ClientFeature.COMPRESSION));
        }
        return new JdkWsClient(options);
    }
}
