package io.wsbench.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client side of permessage-deflate (RFC 7692 §7.2) on {@code java.util.zip}: raw deflate ("nowrap"), each
 * message ended by a sync flush whose {@code 00 00 ff ff} tail is stripped on the wire and put back before
 * inflating. With context takeover (the default) one deflater and one inflater live as long as the connection,
 * so message N may refer back into message N-1: exactly what a server that resets its context would break.
 */
final class PerMessageDeflate implements AutoCloseable {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final boolean clientNoContextTakeover;
    private final boolean serverNoContextTakeover;

    PerMessageDeflate(boolean clientNoContextTakeover, boolean serverNoContextTakeover) {
        this.clientNoContextTakeover = clientNoContextTakeover;
        this.serverNoContextTakeover = serverNoContextTakeover;
    }

    byte[] compress(byte[] message) {
        if (clientNoContextTakeover) {
            deflater.reset();
        }
        return syncFlushed(deflater, message);
    }

    byte[] decompress(byte[] payload) throws IOException {
        if (serverNoContextTakeover) {
            inflater.reset();
        }
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4);
        byte[] chunk = new byte[16 * 1024];
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n > 0) {
                    out.write(chunk, 0, n);
                } else if (inflater.needsInput() || inflater.finished()) {
                    break;
                } else if (inflater.needsDictionary()) {
                    throw new IOException("server's deflate stream asks for a preset dictionary");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("cannot inflate the server's message: " + e.getMessage()
                    + (serverNoContextTakeover ? "" : " (context takeover: does the server reset its context?)"), e);
        }
        if (inflater.finished()) {
            // the server ended its stream with BFINAL; the next message starts a new one
            inflater.reset();
        }
        return out.toByteArray();
    }

    /** One message deflated on its own at {@code level}, as a server at that level would put it on the wire. */
    static byte[] deflate(byte[] message, int level) {
        Deflater d = new Deflater(level, true);
        try {
            return syncFlushed(d, message);
        } finally {
            d.end();
        }
    }

    private static byte[] syncFlushed(Deflater d, byte[] message) {
        d.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] chunk = new byte[16 * 1024];
        int n;
        do {
            n = d.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] wire = out.toByteArray();
        int len = wire.length;
        if (len >= 4 && wire[len - 4] == 0 && wire[len - 3] == 0 && wire[len - 2] == (byte) 0xFF
                && wire[len - 1] == (byte) 0xFF) {
            return Arrays.copyOf(wire, len - 4);
        }
        return wire;
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
