package io.wsbench.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare socket, for what a correct client cannot send (unmasked frames, RSV bits, unknown
 * opcodes, broken fragmentation, invalid UTF-8, deflate bombs) and what a polite one would not do (never answer
 * pings, stop reading behind a tiny receive buffer).
 *
 * <p>Every read has a deadline and bytes read before a timeout stay buffered, so no case can hang and a timed-out
 * wait never leaves the reader in the middle of a frame.
 */
final class RawWebSocket implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_FRAME = 64 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean answerPings;
    private byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private HttpHead handshake;
    private PerMessageDeflate deflate;
    private volatile int pingsSeen;
    private volatile boolean closeSent;

    private RawWebSocket(Socket socket, boolean answerPings) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.answerPings = answerPings;
    }

    static Opening to(ServerUnderTest server) {
        return new Opening(server.port(), server.config().path());
    }

    /** How to connect; {@link #open()} upgrades, {@link #connect()} and {@link #exchange} do not. */
    static final class Opening {
        private final int port;
        private String path;
        private int receiveBuffer;
        private String offer;
        private boolean answerPings = true;

        private Opening(int port, String path) {
            this.port = port;
            this.path = path;
        }

        Opening path(String value) {
            path = value;
            return this;
        }

        /** SO_RCVBUF set before connect, so the TCP window really is this small. */
        Opening receiveBuffer(int bytes) {
            receiveBuffer = bytes;
            return this;
        }

        /** The {@code Sec-WebSocket-Extensions} offer, e.g. {@code permessage-deflate}. */
        Opening offer(String extensions) {
            offer = extensions;
            return this;
        }

        /** Reads pings (and counts them) but never answers: a dead peer as the server sees it. */
        Opening ignoringPings() {
            answerPings = false;
            return this;
        }

        /** Connects and upgrades; fails unless the server answers 101 with the right accept key. */
        RawWebSocket open() throws IOException {
            RawWebSocket ws = connect();
            try {
                ws.upgrade(path, offer);
                return ws;
            } catch (IOException | RuntimeException e) {
                ws.close();
                throw e;
            }
        }

        /** A TCP connection without the upgrade, for garbage and hand-written requests. */
        RawWebSocket connect() throws IOException {
            Socket socket = new Socket();
            try {
                if (receiveBuffer > 0) {
                    socket.setReceiveBufferSize(receiveBuffer);
                }
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ScaledConfig.EVENTUALLY.toMillis());
                return new RawWebSocket(socket, answerPings);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** Sends a hand-written HTTP request and reads the response head. */
        HttpHead exchange(String request) throws IOException {
            try (RawWebSocket ws = connect()) {
                ws.sendRaw(request.getBytes(StandardCharsets.ISO_8859_1));
                return ws.readHead(deadline(ScaledConfig.EVENTUALLY));
            }
        }
    }

    /** The server's answer to the upgrade. */
    HttpHead handshake() {
        return handshake;
    }

    /** The negotiated {@code Sec-WebSocket-Extensions}, or null. */
    String extensions() {
        return handshake == null ? null : handshake.header("Sec-WebSocket-Extensions");
    }

    boolean deflateNegotiated() {
        return deflate != null;
    }

    int pingsSeen() {
        return pingsSeen;
    }

    // ---------------------------------------------------------------- writing

    void sendText(String text) throws IOException {
        send(Frame.of(true, Frame.TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    void sendBinary(byte[] data) throws IOException {
        send(Frame.of(true, Frame.BINARY, data));
    }

    /** One text frame, deflated with this connection's context (RFC 7692 §7.2.1), RSV1 set. */
    void sendCompressedText(String text) throws IOException {
        if (deflate == null) {
            throw new IllegalStateException("permessage-deflate was not negotiated");
        }
        byte[] payload = deflate.compress(text.getBytes(StandardCharsets.UTF_8));
        send(Frame.of(true, Frame.TEXT, payload).withRsv(Frame.RSV1));
    }

    void sendClose(int code) throws IOException {
        send(Frame.close(code));
    }

    synchronized void send(Frame frame) throws IOException {
        if (frame.opcode() == Frame.CLOSE) {
            // whatever it carried, this side has started (or answered) the closing handshake
            closeSent = true;
        }
        out.write(encode(frame));
        out.flush();
    }

    /**
     * Sends the frames in order and stops quietly at the first write the server refused: a server may close as
     * soon as it sees a violation, before reading what follows it. Returns how many frames were written.
     */
    int sendUntilClosed(Frame... frames) {
        int sent = 0;
        try {
            for (Frame f : frames) {
                send(f);
                sent++;
            }
        } catch (IOException e) {
            // the server closed first; the close frame it sent (if any) is still readable
        }
        return sent;
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    // ---------------------------------------------------------------- reading

    /** The next whole message (fragments joined, inflated if compressed), answering pings unless told not to. */
    Message nextMessage() throws IOException {
        return nextMessage(ScaledConfig.EVENTUALLY);
    }

    Message nextMessage(Duration wait) throws IOException {
        long deadline = deadline(wait);
        ByteArrayOutputStream data = null;
        int opcode = -1;
        boolean compressed = false;
        int wireBytes = 0;
        while (true) {
            Frame f = readFrame(deadline);
            if (f.isControl()) {
                if (f.opcode() == Frame.CLOSE) {
                    throw new ClosedByServer(Close.fromFrame(f.payload()));
                }
                if (f.opcode() == Frame.PING) {
                    onPing(f);
                }
                continue;
            }
            if (data == null) {
                if (f.opcode() == Frame.CONTINUATION) {
                    throw new IOException("server sent a continuation frame with no message started");
                }
                data = new ByteArrayOutputStream();
                opcode = f.opcode();
                compressed = (f.rsv() & Frame.RSV1) != 0;
            } else if (f.opcode() != Frame.CONTINUATION) {
                throw new IOException("server started a new message inside a fragmented one: " + f);
            }
            data.write(f.payload());
            wireBytes += f.payload().length;
            if (f.fin()) {
                byte[] bytes = data.toByteArray();
                if (compressed) {
                    if (deflate == null) {
                        throw new IOException("server set RSV1 without a negotiated extension");
                    }
                    bytes = deflate.decompress(bytes);
                }
                return new Message(opcode, bytes, wireBytes, compressed);
            }
        }
    }

    /** The next message, which must be text. */
    String nextText() throws IOException {
        Message m = nextMessage();
        if (m.opcode() != Frame.TEXT) {
            throw new IOException("expected a text message, got opcode 0x" + Integer.toHexString(m.opcode()));
        }
        return m.text();
    }

    /** The next frame of this opcode, skipping others (answering pings); a close frame ends the wait with an error. */
    Frame nextFrame(int opcode) throws IOException {
        long deadline = deadline(ScaledConfig.EVENTUALLY);
        while (true) {
            Frame f = readFrame(deadline);
            if (f.opcode() == opcode) {
                if (opcode == Frame.PING) {
                    onPing(f);
                }
                return f;
            }
            if (f.opcode() == Frame.CLOSE) {
                throw new ClosedByServer(Close.fromFrame(f.payload()));
            }
            if (f.opcode() == Frame.PING) {
                onPing(f);
            }
        }
    }

    Close awaitClose() {
        return awaitClose(ScaledConfig.EVENTUALLY);
    }

    /**
     * Reads until the server closes (its close frame is answered, as RFC 6455 §5.5.1 asks), discarding data and
     * answering pings unless told not to; {@link Close#stillOpen} if nothing ended the connection in {@code wait}.
     */
    Close awaitClose(Duration wait) {
        return awaitClose(wait, new ArrayList<>());
    }

    /** As {@link #awaitClose(Duration)}, adding every other frame the server sent before its close to {@code before}. */
    Close awaitClose(Duration wait, List<Frame> before) {
        long deadline = deadline(wait);
        try {
            while (true) {
                Frame f = readFrame(deadline);
                if (f.opcode() != Frame.CLOSE) {
                    before.add(f);
                }
                if (f.opcode() == Frame.PING) {
                    onPing(f);
                } else if (f.opcode() == Frame.CLOSE) {
                    Close close = Close.fromFrame(f.payload());
                    if (!closeSent) {
                        try {
                            closeSent = true;
                            send(Frame.of(true, Frame.CLOSE, f.payload().length >= 2
                                    ? new byte[] {f.payload()[0], f.payload()[1]} : new byte[0]));
                        } catch (IOException e) {
                            // the server already dropped the TCP connection: nothing left to answer
                        }
                    }
                    return close;
                }
            }
        } catch (SocketTimeoutException e) {
            return Close.stillOpen(wait);
        } catch (EOFException e) {
            return Close.withoutFrame("no close frame (EOF)");
        } catch (SocketException e) {
            return Close.withoutFrame("no close frame (" + e.getMessage() + ")");
        } catch (IOException e) {
            return Close.withoutFrame("unreadable: " + e.getMessage());
        }
    }

    /** Reads and discards everything until the TCP connection ends; for a client that had stopped reading. */
    Close drainUntilEnd(Duration wait) {
        long deadline = deadline(wait);
        try {
            while (true) {
                pos = lim = 0;
                fill(deadline);
            }
        } catch (SocketTimeoutException e) {
            return Close.stillOpen(wait);
        } catch (EOFException e) {
            return Close.withoutFrame("connection ended (EOF)");
        } catch (IOException e) {
            return Close.withoutFrame("connection ended (" + e.getMessage() + ")");
        }
    }

    /** Reads an HTTP response head (status line and headers). */
    HttpHead readHead(long deadline) throws IOException {
        while (true) {
            int end = indexOfBlankLine();
            if (end >= 0) {
                String head = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                pos = end + 4;
                return HttpHead.parse(head);
            }
            if (lim - pos > MAX_HEAD) {
                throw new IOException("HTTP response head longer than " + MAX_HEAD + " bytes");
            }
            try {
                fill(deadline);
            } catch (EOFException | SocketException e) {
                return HttpHead.NO_RESPONSE;
            }
        }
    }

    Frame readFrame(long deadline) throws IOException {
        require(2, deadline);
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        int header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        require(header, deadline);
        long length = len7;
        if (len7 == 126) {
            length = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (buf[pos + 2 + i] & 0xFF);
            }
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("server frame of " + length + " bytes: larger than this client reads");
        }
        require(header + (int) length, deadline);
        byte[] payload = new byte[(int) length];
        System.arraycopy(buf, pos + header, payload, 0, payload.length);
        if (masked) {
            int keyAt = pos + header - 4;
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= buf[keyAt + (i & 3)];
            }
        }
        pos += header + (int) length;
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, payload, masked);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that already failed: nothing to do
        }
        if (deflate != null) {
            deflate.close();
        }
    }

    // ---------------------------------------------------------------- internals

    private void upgrade(String path, String offer) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (offer != null) {
            request.append("Sec-WebSocket-Extensions: ").append(offer).append("\r\n");
        }
        request.append("\r\n");
        sendRaw(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        handshake = readHead(deadline(ScaledConfig.EVENTUALLY));
        if (handshake.status() != 101) {
            throw new IOException("upgrade answered '" + handshake.statusLine() + "', expected 101");
        }
        String accept = handshake.header("Sec-WebSocket-Accept");
        if (!acceptFor(key).equals(accept)) {
            throw new IOException("Sec-WebSocket-Accept is '" + accept + "', expected '" + acceptFor(key) + "'");
        }
        String extensions = extensions();
        if (extensions != null && extensions.contains("permessage-deflate")) {
            boolean clientNoContext = extensions.contains("client_no_context_takeover")
                    || (offer != null && offer.contains("client_no_context_takeover"));
            deflate = new PerMessageDeflate(clientNoContext, extensions.contains("server_no_context_takeover"));
        }
    }

    private void onPing(Frame ping) throws IOException {
        pingsSeen++;
        if (answerPings && !closeSent) {
            send(Frame.of(true, Frame.PONG, ping.payload()));
        }
    }

    private static byte[] encode(Frame f) {
        byte[] payload = f.payload();
        int len = payload.length;
        int lengthBytes = len < 126 ? 0 : len < 65536 ? 2 : 8;
        int header = 2 + lengthBytes + (f.masked() ? 4 : 0);
        byte[] wire = new byte[header + len];
        wire[0] = (byte) ((f.fin() ? 0x80 : 0) | ((f.rsv() & 0x7) << 4) | (f.opcode() & 0x0F));
        int len7 = lengthBytes == 0 ? len : lengthBytes == 2 ? 126 : 127;
        wire[1] = (byte) ((f.masked() ? 0x80 : 0) | len7);
        for (int i = 0; i < lengthBytes; i++) {
            wire[2 + i] = (byte) ((long) len >>> (8 * (lengthBytes - 1 - i)));
        }
        if (f.masked()) {
            byte[] key = new byte[4];
            ThreadLocalRandom.current().nextBytes(key);
            System.arraycopy(key, 0, wire, 2 + lengthBytes, 4);
            for (int i = 0; i < len; i++) {
                wire[header + i] = (byte) (payload[i] ^ key[i & 3]);
            }
        } else {
            System.arraycopy(payload, 0, wire, header, len);
        }
        return wire;
    }

    private static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private int indexOfBlankLine() {
        for (int i = pos; i + 3 < lim; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Makes {@code n} bytes available at {@code pos}; on timeout, what was read stays buffered. */
    private void require(int n, long deadline) throws IOException {
        makeRoom(n);
        while (lim - pos < n) {
            fill(deadline);
        }
    }

    /** Compacts (and grows if needed) the buffer so {@code n} bytes fit from {@code pos}. */
    private void makeRoom(int n) {
        if (buf.length - pos < n) {
            byte[] bigger = n > buf.length ? new byte[Math.max(n, buf.length * 2)] : buf;
            System.arraycopy(buf, pos, bigger, 0, lim - pos);
            lim -= pos;
            pos = 0;
            buf = bigger;
        }
    }

    private void fill(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        if (lim == buf.length) {
            makeRoom(lim - pos + 1);
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            throw new EOFException("server closed the TCP connection (no close frame)");
        }
        lim += n;
    }

    static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    /** One whole message as received: {@code wireBytes} is its payload size on the wire (compressed if it was). */
    record Message(int opcode, byte[] data, int wireBytes, boolean compressed) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The server closed while a message was awaited; carries what it closed with. */
    static final class ClosedByServer extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Close close;

        ClosedByServer(Close close) {
            super("server closed the connection: " + close);
            this.close = close;
        }
    }
}
