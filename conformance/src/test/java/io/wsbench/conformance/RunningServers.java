package io.wsbench.conformance;

import io.wsbench.core.NotificationServer;
import io.wsbench.core.ServerConfig;
import io.wsbench.core.TransportProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers one test class shares between cases that cannot disturb each other: one per impl and config,
 * started on first use, all closed after the class ({@code @AutoClose}). A server that fails to start fails
 * every case that asks for it, each with the start error.
 */
final class RunningServers implements AutoCloseable {
    private final Map<String, NotificationServer> servers = new LinkedHashMap<>();

    synchronized NotificationServer of(TransportProvider provider, ServerConfig config) throws Exception {
        String key = provider.name() + " " + config;
        NotificationServer server = servers.get(key);
        if (server == null) {
            server = NotificationServer.start(provider, config);
            servers.put(key, server);
        }
        return server;
    }

    @Override
    public synchronized void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (NotificationServer server : servers.values()) {
            try {
                server.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        servers.clear();
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
