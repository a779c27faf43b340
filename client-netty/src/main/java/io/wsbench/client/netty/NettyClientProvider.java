package io.wsbench.client.netty;

import io.netty.channel.epoll.Epoll;
import io.netty.util.Version;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.ClientProvider;
import io.wsbench.core.client.WsClient;

/**
 * Netty as a load client: {@code netty}. Compression, a chosen source address and wss:// all have a Netty
 * mechanism (see {@link WebSocketClientInitializer} and {@link NettyWsClient}), and so do a deflate offer without
 * context takeover ({@link PermessageDeflateOffer}) and counting socket bytes ({@link WireCounter}): nothing is
 * unsupported.
 */
public final class NettyClientProvider implements ClientProvider {

    @Override
    public String name() {
        return "netty";
    }

    /** The version Netty reports about its own jars, plus the transport in use (it changes the numbers). */
    @Override
    public String library() {
        Version version = Version.identify(NettyClientProvider.class.getClassLoader()).get("netty-codec-http");
        return "Netty " + (version == null ? "(unknown version)" : version.artifactVersion())
                + (Epoll.isAvailable() ? " (epoll)" : " (nio)");
    }

    @Override
    public WsClient create(ClientOptions options) {
        return new NettyWsClient(options);
    }
}
