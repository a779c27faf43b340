package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A message of an exact size in bytes on the wire, text or binary, with random content: a reply cut short, spliced
 * or shifted cannot match it by accident, as it could a repeating pattern. Text is printable ASCII (one byte per
 * char, like the design notes' base64 test file), so its size in bytes is its length. The content is built once
 * and sent as often as needed; comparing a reply is a full comparison, not a checksum.
 */
public final class LargeMessage {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final String text;    // null for binary
    private final byte[] binary;  // null for text

    private LargeMessage(String text, byte[] binary) {
        this.text = text;
        this.binary = binary;
    }

    public static LargeMessage text(int bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] ascii = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            ascii[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new LargeMessage(new String(ascii, StandardCharsets.US_ASCII), null);
    }

    public static LargeMessage binary(int bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < bytes; j++) {
                data[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return new LargeMessage(null, data);
    }

    public boolean isText() {
        return text != null;
    }

    /** Bytes on the wire (the payload, without framing). */
    public int size() {
        return isText() ? text.length() : binary.length;
    }

    void sendOn(ClientConnection connection) {
        if (isText()) {
            connection.sendText(text);
        } else {
            connection.sendBinary(ByteBuffer.wrap(binary));
        }
    }

    /** Whether {@code reply} is this message: the same frame type and every byte the same. */
    public boolean matches(Object reply) {
        if (isText()) {
            return reply instanceof String s && s.equals(text);
        }
        return reply instanceof byte[] b && Arrays.equals(b, binary);
    }

    String describe() {
        return size() + (isText() ? " bytes of text" : " binary bytes");
    }

    static String describe(Object reply) {
        if (reply instanceof byte[] b) {
            return b.length + " binary bytes";
        }
        return reply == null ? "nothing" : ((String) reply).length() + " chars of text";
    }
}
