package io.wsbench.conformance;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of an HTTP response, as the raw clients read them. {@code status} is -1 when the
 * server closed the connection without answering.
 */
record HttpHead(int status, String statusLine, Map<String, String> headers) {

    static final HttpHead NO_RESPONSE = new HttpHead(-1, "(connection closed without a response)", Map.of());

    /** Parses the text up to (not including) the blank line; header names are lower-cased, repeats joined by ", ". */
    static HttpHead parse(String head) {
        String[] lines = head.split("\r\n");
        String statusLine = lines[0];
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        return new HttpHead(status, statusLine, headers);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return statusLine;
    }
}
