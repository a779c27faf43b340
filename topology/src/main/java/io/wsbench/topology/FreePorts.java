package io.wsbench.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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

    /** The way a server JVM or nginx reports a port someone else took in the meantime. */
    static boolean mentionsPortInUse(String log) {
        return log.contains("Address already in use") || log.contains("(98: ");
    }
}
