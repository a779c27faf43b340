package io.wsbench.impl.javawebsocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;

// workaround: re-parsing ServerDraft | defect | TooTallNate/Java-WebSocket#1508 (its fragment limit; the other checks have none)
/**
 * The library's RFC 6455 draft with {@code READ_LIMIT} as its {@code maxFrameSize} (its own 1009 for one big
 * frame and, at the final fragment, for the assembled message), plus the three checks Java-WebSocket 1.6.0 does
 * not make:
 *
 * <ul>
 *   <li>RFC 6455 §5.1: a server MUST fail the connection on an unmasked client frame. 1.6.0 reads the mask bit
 *       and silently accepts either ({@code Draft_6455.translateSingleFrame}), so the frame headers are checked
 *       here before the library parses them: 1002.</li>
 *   <li>The message limit per fragment and after decompression. 1.6.0 checks the assembled size only at the
 *       first and the last fragment (a client that never sends FIN grows the buffer without bound), and checks
 *       a compressed frame's wire size, never its inflated size (notes: "decompressed size unbounded").
 *       Counting every data frame's payload as the library hands it over (already inflated) closes 1009 as
 *       soon as the message passes the limit. A single compressed frame is still inflated whole by the library
 *       before this check sees it, so one frame can briefly cost up to deflate's ~1000:1 ratio.</li>
 *   <li>RFC 6455 §5.5.1, §8.1: a close reason that is not UTF-8 fails the connection (Autobahn 7.5.1). 1.6.0 means
 *       to (1007), but {@code CloseFrame.setPayload} sets the reason to null and {@code CloseFrame.isValid} then
 *       calls {@code reason.isEmpty()}: a NullPointerException that {@code WebSocketImpl.decodeFrames} does not
 *       catch, so no close frame is sent and the connection stays open until the heartbeat drops it (since
 *       commit 249f669, 2018; unchanged on master in January 2026). The close payload is read here as the
 *       header walk passes it and answered 1007 before the library parses it.</li>
 * </ul>
 *
 * One instance per connection: the library calls {@link #copyInstance()} for each handshake.
 */
final class ServerDraft extends Draft_6455 {
    private final int readLimit;

    /** Bytes of the current data message seen so far (fragments included), for the READ_LIMIT check. */
    private long messageBytes;

    // Frame-boundary tracking for the mask check; reads only headers, never copies payload.
    private final byte[] header = new byte[14];
    private int headerLength;
    private int headerNeeded = 2;
    private long payloadToSkip;
    /** The current close frame's payload, unmasked as it passes (a control frame carries at most 125 bytes). */
    private final byte[] closePayload = new byte[125];
    private int closeLength = -1;
    private int closeRead;

    ServerDraft(List<IExtension> extensions, int readLimit) {
        super(extensions, readLimit);
        this.readLimit = readLimit;
    }

    @Override
    public Draft copyInstance() {
        List<IExtension> extensions = new ArrayList<>();
        for (IExtension e : getKnownExtensions()) {
            extensions.add(e.copyInstance());
        }
        return new ServerDraft(extensions, readLimit);
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        checkClientFrames(buffer);
        return super.translateFrame(buffer);
    }

    @Override
    public void processFrame(WebSocketImpl webSocket, Framedata frame) throws InvalidDataException {
        Opcode op = frame.getOpcode();
        if (op == Opcode.TEXT || op == Opcode.BINARY || op == Opcode.CONTINUOUS) {
            long size = frame.getPayloadData().remaining();
            messageBytes = op == Opcode.CONTINUOUS ? messageBytes + size : size;
            if (messageBytes > readLimit) {
                messageBytes = 0;
                throw new LimitExceededException("message over READ_LIMIT", readLimit);
            }
        }
        super.processFrame(webSocket, frame);
    }

    /**
     * Walks the frame headers in {@code buffer} (without moving its position), reading only close payloads;
     * headers and payloads may span reads.
     */
    private void checkClientFrames(ByteBuffer buffer) throws InvalidDataException {
        int i = buffer.position();
        int end = buffer.limit();
        while (i < end) {
            if (payloadToSkip > 0) {
                int n = (int) Math.min(payloadToSkip, end - i);
                if (closeLength >= 0) {
                    readClosePayload(buffer, i, n);
                }
                i += n;
                payloadToSkip -= n;
                continue;
            }
            header[headerLength++] = buffer.get(i++);
            if (headerLength == 2) {
                if ((header[1] & 0x80) == 0) {
                    throw new InvalidFrameException("unmasked client frame");
                }
                int len7 = header[1] & 0x7F;
                headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
            }
            if (headerLength == headerNeeded) {
                payloadToSkip = payloadLength();
                // a reason needs a code before it; longer than 125 bytes is the library's own 1002
                boolean closeWithReason = (header[0] & 0x0F) == 0x8 && payloadToSkip > 2 && payloadToSkip <= 125;
                closeLength = closeWithReason ? (int) payloadToSkip : -1;
                closeRead = 0;
                headerLength = 0;
                headerNeeded = 2;
            }
        }
    }

    /** Unmasks {@code n} close payload bytes at {@code i} (the mask key is header[2..5] below 126 bytes). */
    private void readClosePayload(ByteBuffer buffer, int i, int n) throws InvalidDataException {
        for (int k = 0; k < n; k++, closeRead++) {
            closePayload[closeRead] = (byte) (buffer.get(i + k) ^ header[2 + (closeRead & 3)]);
        }
        if (closeRead == closeLength) {
            closeLength = -1;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(closePayload, 2, closeRead - 2));
            } catch (CharacterCodingException e) {
                throw new InvalidDataException(CloseFrame.NO_UTF8, "close reason is not UTF-8");
            }
        }
    }

    private long payloadLength() {
        int len7 = header[1] & 0x7F;
        if (len7 < 126) {
            return len7;
        }
        int bytes = len7 == 126 ? 2 : 8;
        long length = 0;
        for (int k = 0; k < bytes; k++) {
            length = (length << 8) | (header[2 + k] & 0xFF);
        }
        // A negative 64-bit length is rejected by the library itself (1009) before it matters here.
        return Math.max(length, 0);
    }

    @Override
    public void reset() {
        super.reset();
        messageBytes = 0;
        headerLength = 0;
        headerNeeded = 2;
        payloadToSkip = 0;
        closeLength = -1;
    }
}
// end workaround: re-parsing ServerDraft
