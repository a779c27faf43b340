package io.wsbench.bench.frames;

import java.util.Arrays;

/**
 * RFC 6455 §5.2 written out by hand for the benchmarks' inputs and the tests' checks: a final TEXT frame, masked
 * (as a client sends it) or not (as a server does), and the reverse for unmasked frames. Not a library's code.
 */
public final class ClientFrames {
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private ClientFrames() {
    }

    /** A final TEXT frame carrying {@code payload}, masked with a fixed key when {@code masked}. */
    public static byte[] text(byte[] payload, boolean masked) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
        int header = 2 + lengthBytes + (masked ? 4 : 0);
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81;
        int maskBit = masked ? 0x80 : 0;
        if (lengthBytes == 0) {
            frame[1] = (byte) (maskBit | n);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (maskBit | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        if (masked) {
            System.arraycopy(MASK, 0, frame, 2 + lengthBytes, 4);
        }
        for (int i = 0; i < n; i++) {
            frame[header + i] = masked ? (byte) (payload[i] ^ MASK[i & 3]) : payload[i];
        }
        return frame;
    }

    /** The payload of an unmasked final TEXT frame; throws if {@code frame} is anything else. */
    public static byte[] unmaskedTextPayload(byte[] frame) {
        if ((frame[0] & 0xFF) != 0x81 || (frame[1] & 0x80) != 0) {
            throw new IllegalArgumentException("not an unmasked final TEXT frame: " + (frame[0] & 0xFF) + " "
                    + (frame[1] & 0xFF));
        }
        int len = frame[1] & 0x7F;
        int offset = 2;
        if (len == 126) {
            len = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            offset = 4;
        } else if (len == 127) {
            long l = 0;
            for (int i = 0; i < 8; i++) {
                l = (l << 8) | (frame[2 + i] & 0xFF);
            }
            len = Math.toIntExact(l);
            offset = 10;
        }
        if (offset + len != frame.length) {
            throw new IllegalArgumentException("frame length " + frame.length + " != header " + offset + " + " + len);
        }
        return Arrays.copyOfRange(frame, offset, offset + len);
    }
}
