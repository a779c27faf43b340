package io.wsbench.impl.undertow;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.wsbench.core.CloseCodes;
import io.wsbench.core.Hub;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.Pooled;

/**
 * Reads one connection's frames on its IO thread and hands whole messages to the hub. Undertow reassembles
 * fragments, answers pings, and checks masking, opcodes, control frames (1002) and UTF-8 (1007) itself; its
 * buffer limit (1009) counts bytes after reassembly and after permessage-deflate, because it counts what the
 * frame channel returns. Added here: the limit itself (Undertow's default is none), the text limit bug
 * (UNDERTOW-2770) and RSV bits once an extension is negotiated.
 */
final class MessageReader extends AbstractReceiveListener {
    /** RSV1, the "compressed" bit of permessage-deflate (Undertow reads RSV1..3 as the bits 4, 2, 1). */
    private static final int DATA_RSV = 4;

    private final UndertowConnection connection;
    private final Hub hub;
    private final long readLimit;
    private final WebSocketCallback<BufferedBinaryMessage> textDone = new TextDone();

    MessageReader(UndertowConnection connection, Hub hub, long readLimit) {
        this.connection = connection;
        this.hub = hub;
        this.readLimit = readLimit;
    }

    /** Every readable event is a frame (or part of one) from the peer: data, ping, pong or close. */
    @Override
    public void handleEvent(WebSocketChannel channel) {
        connection.alive();
        super.handleEvent(channel);
    }

    // workaround: READ_LIMIT | missing | no upstream issue
    /** READ_LIMIT for whole messages; Undertow's default is unlimited (-1). */
    @Override
    protected long getMaxBinaryBufferSize() {
        return readLimit;
    }

    @Override
    protected long getMaxTextBufferSize() {
        return readLimit;
    }
    // end workaround: READ_LIMIT

    // workaround: text limit on every read | defect | UNDERTOW-2770
    /**
     * Text is buffered as bytes with {@link BufferedBinaryMessage}: in 2.3.26 {@code BufferedTextMessage} checks
     * its limit only on the bytes of the first read and never on data arriving in later reads (UNDERTOW-2770), so
     * a message spread over several TCP reads passed any limit. The frame channel still validates UTF-8 on
     * every read (1007), so decoding the bytes afterwards cannot fail.
     */
    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel message) {
        if (rsvAllowed(message, DATA_RSV)) {
            new BufferedBinaryMessage(getMaxTextBufferSize(), true).read(message, textDone);
        }
    }
    // end workaround: text limit on every read

    // workaround: RSV check with deflate | defect | no upstream issue
    @Override
    protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel message) throws IOException {
        if (rsvAllowed(message, DATA_RSV)) {
            super.onBinary(channel, message);
        }
    }

    @Override
    protected void onPing(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        if (rsvAllowed(frame, 0)) {
            super.onPing(channel, frame);
        }
    }

    @Override
    protected void onPong(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
        if (rsvAllowed(frame, 0)) {
            super.onPong(channel, frame);
        }
    }

    /**
     * Undertow rejects RSV bits only while no extension is negotiated; once permessage-deflate is, it lets RSV2,
     * RSV3 and RSV1 on control frames through (RFC 6455 §5.2 and RFC 7692 §6 make them protocol errors).
     */
    private boolean rsvAllowed(StreamSourceFrameChannel frame, int allowed) {
        if ((frame.getRsv() & ~allowed) == 0) {
            return true;
        }
        connection.protocolError("RSV bits not defined by a negotiated extension");
        return false;
    }
    // end workaround: RSV check with deflate

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        Pooled<ByteBuffer[]> data = message.getData();
        try {
            // a copy: the pooled buffers go back to Undertow now, the hub's send owns the copy
            hub.onBinary(connection, WebSockets.mergeBuffers(data.getResource()));
        } finally {
            data.free();
        }
    }

    /**
     * The library's own close handling (echo the peer's code unless we already sent ours), plus noting the code
     * the peer sent: {@code onCloseMessage} cannot tell it, Undertow also calls that with a made-up 1001 when
     * the TCP connection just ends.
     */
    @Override
    protected void onFullCloseMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        Pooled<ByteBuffer[]> data = message.getData();
        try {
            ByteBuffer[] payload = data.getResource();
            connection.peerClosed(closeCode(payload));
            CloseMessage close = new CloseMessage(payload);
            if (!channel.isCloseFrameSent()) {
                WebSockets.sendClose(close, channel, null);
            }
        } finally {
            data.free();
        }
    }

    // workaround: text limit on every read | defect | UNDERTOW-2770
    private final class TextDone implements WebSocketCallback<BufferedBinaryMessage> {
        @Override
        public void complete(WebSocketChannel channel, BufferedBinaryMessage message) {
            Pooled<ByteBuffer[]> data = message.getData();
            try {
                hub.onText(connection, utf8(data.getResource()));
            } finally {
                data.free();
            }
        }

        @Override
        public void onError(WebSocketChannel channel, BufferedBinaryMessage message, Throwable error) {
            MessageReader.this.onError(channel, error);
        }
    }
    // end workaround: text limit on every read

    /**
     * The code in a close frame, read without consuming the payload ({@link CloseMessage} parses it next, for
     * the echo). Undertow reads an empty close frame as 1000; RFC 6455 §7.1.5 says "no status" is 1005.
     */
    private static int closeCode(ByteBuffer[] payload) {
        int code = 0;
        int seen = 0;
        for (ByteBuffer b : payload) {
            for (int i = b.position(); i < b.limit() && seen < 2; i++, seen++) {
                code = code << 8 | (b.get(i) & 0xFF);
            }
        }
        return seen < 2 ? CloseCodes.NO_STATUS : code;
    }

    private static String utf8(ByteBuffer[] buffers) {
        if (buffers.length == 1 && buffers[0].hasArray()) {
            ByteBuffer b = buffers[0];
            return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.UTF_8);
        }
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(bytes, at, n);
            at += n;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
