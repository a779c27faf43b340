package io.wsbench.conformance;

import io.wsbench.core.ServerConfig;
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
    private final Map<String, ServerUnderTest> servers = new LinkedHashMap<>();

    synchronized ServerUnderTest of(ServerImpl impl, ServerConfig config) throws Exception {
        String key = impl.name() + " " + config;
        ServerUnderTest server = servers.get(key);
        if (server == null) {
            server = impl.start(config);
            servers.put(key, server);
        }
        return server;
    }

    @Override
    public synchronized void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (ServerUnderTest server : servers.values()) {
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
