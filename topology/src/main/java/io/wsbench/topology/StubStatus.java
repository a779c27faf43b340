package io.wsbench.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of nginx's {@code stub_status}. {@code active} counts client connections (each open WebSocket
 * once, upstream connections not at all) and includes the connection that asked; {@code accepts},
 * {@code handled} and {@code requests} only grow.
 */
public record StubStatus(long active, long accepts, long handled, long requests, long reading, long writing,
                         long waiting) {

    private static final Pattern FORMAT = Pattern.compile(
            "Active connections:\\s*(\\d+)\\s+server accepts handled requests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+"
                    + "Reading:\\s*(\\d+)\\s+Writing:\\s*(\\d+)\\s+Waiting:\\s*(\\d+)");

    public static StubStatus parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not stub_status output: " + text);
        }
        return new StubStatus(n(m, 1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6), n(m, 7));
    }

    /**
     * GETs {@code path} over a fresh HTTP/1.0 connection that nginx closes after answering. A pooled
     * keep-alive client would leave its idle connection behind and inflate the next reading's {@code active}.
     */
    public static StubStatus read(String host, int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200")) {
                throw new IOException("GET " + path + " on " + host + ":" + port + " answered: "
                        + response.lines().findFirst().orElse("(nothing)"));
            }
            return parse(response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    private static long n(Matcher m, int group) {
        return Long.parseLong(m.group(group));
    }
}
