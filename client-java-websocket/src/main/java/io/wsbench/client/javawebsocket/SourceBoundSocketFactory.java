package io.wsbench.client.javawebsocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Binds each socket to a chosen local address before the library connects it, so one client JVM can open more
 * connections than one source address has ephemeral ports. The library calls only {@link #createSocket()}.
 * Binding with port 0 before connect takes an ephemeral port that is then unusable for any destination, so each
 * source address holds at most its ephemeral range of connections: use one source address per ~28k.
 */
final class SourceBoundSocketFactory extends SocketFactory {
    private final SocketFactory base;
    private final InetAddress source;

    SourceBoundSocketFactory(SocketFactory base, InetAddress source) {
        this.base = base;
        this.source = source;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = base.createSocket();
        try {
            socket.bind(new InetSocketAddress(source, 0));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return base.createSocket(host, port, source, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return base.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return base.createSocket(host, port, source, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return base.createSocket(address, port, localAddress, localPort);
    }
}
