package io.wsbench.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ports for processes that must be told their port up front (another JVM, nginx). Held open together so one
 * call never returns the same port twice; released before the caller's process binds, so another process can
 * still take one in between: callers retry on "address already in use".
 */
final class FreePorts {
    private FreePorts() {
    }

    static int[] allocate(String host, int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /**
     * The way a server JVM, nginx or a reference server reports a port someone else took in the meantime (Go
     * and Node.js write "bind: address already in use", "EADDRINUSE: address already in use").
     */
    static boolean mentionsPortInUse(String log) {
        return log.toLowerCase(Locale.ROOT).contains("address already in use") || log.contains("(98: ");
    }
}
