package io.wsbench.impl.netty;

import io.netty.channel.epoll.Epoll;
import io.netty.util.Version;
import io.wsbench.core.Hub;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.Transport;
import io.wsbench.core.TransportProvider;

/**
 * wsbench on Netty: {@code SERVER_IMPL=netty}. Every SPEC §3 behaviour has a Netty mechanism (see
 * {@link WebSocketServerInitializer}), so nothing is declared unsupported.
 */
public final class NettyTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "netty";
    }

    /** The version Netty reports about its own jars, plus the native transport in use (it changes the numbers). */
    @Override
    public String library() {
        Version version = Version.identify(NettyTransportProvider.class.getClassLoader()).get("netty-codec-http");
        return "Netty " + (version == null ? "(unknown version)" : version.artifactVersion())
                + (Epoll.isAvailable() ? " (epoll)" : " (nio)");
    }

    @Override
    public Transport start(ServerConfig config, Hub hub) throws Exception {
        return WebSocketServer.start(config, hub);
    }
}
