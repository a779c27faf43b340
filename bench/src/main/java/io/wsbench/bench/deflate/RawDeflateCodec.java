package io.wsbench.bench.deflate;

import io.wsbench.core.codec.PmdCodec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The baseline: {@link Deflater} / {@link Inflater} used directly as RFC 7692 says, nothing else. Raw deflate
 * (nowrap), one {@code SYNC_FLUSH} per message with context takeover, the trailing {@code 00 00 FF FF} stripped on
 * encode and appended on decode. A library's cost above this is its framing of the same zlib work: buffers, pools,
 * copies and channel plumbing.
 */
public final class RawDeflateCodec implements PmdCodec {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Deflater deflater;
    private final Inflater inflater = new Inflater(true);
    private byte[] buffer = new byte[64 * 1024];

    public RawDeflateCodec(int level) {
        this.deflater = new Deflater(level, true);
    }

    @Override
    public byte[] encode(byte[] message) {
        deflater.setInput(message);
        int length = 0;
        while (true) {
            length += deflater.deflate(buffer, length, buffer.length - length, Deflater.SYNC_FLUSH);
            if (length < buffer.length) {
                break;
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        if (length >= 4 && endsWithTail(buffer, length)) {
            length -= 4;
        }
        return Arrays.copyOf(buffer, length);
    }

    @Override
    public byte[] decode(byte[] payload) throws DataFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4);
        inflate(payload, out);
        inflate(TAIL, out);
        return out.toByteArray();
    }

    private void inflate(byte[] input, ByteArrayOutputStream out) throws DataFormatException {
        inflater.setInput(input);
        while (true) {
            int n = inflater.inflate(buffer);
            if (n == 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    private static boolean endsWithTail(byte[] bytes, int length) {
        for (int i = 0; i < 4; i++) {
            if (bytes[length - 4 + i] != TAIL[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        deflater.end();
        inflater.end();
    }
}
