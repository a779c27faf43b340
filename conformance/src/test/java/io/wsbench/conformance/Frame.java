package io.wsbench.conformance;

/**
 * One WebSocket frame as it was on the wire (RFC 6455 §5.2). {@code masked} is only ever true for frames the
 * raw client builds; a server frame arriving masked is a server bug the reader reports.
 */
record Frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** RSV1: "this message is compressed" once permessage-deflate is negotiated (RFC 7692 §6). */
    static final int RSV1 = 0b100;

    /** A well-formed, masked frame as a correct client sends it. */
    static Frame of(boolean fin, int opcode, byte[] payload) {
        return new Frame(fin, 0, opcode, payload, true);
    }

    static Frame close(int code) {
        return close(code, new byte[0]);
    }

    /** A close frame with a 2-byte code and {@code reason} after it, whatever either holds (RFC 6455 §5.5.1). */
    static Frame close(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return of(true, CLOSE, payload);
    }

    Frame unmasked() {
        return new Frame(fin, rsv, opcode, payload, false);
    }

    Frame withRsv(int bits) {
        return new Frame(fin, bits, opcode, payload, masked);
    }

    boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    @Override
    public String toString() {
        return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=0x" + Integer.toHexString(opcode)
                + ", " + payload.length + " bytes" + (masked ? ", masked" : "") + "]";
    }
}
