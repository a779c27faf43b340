package io.wsbench.impl.javawebsocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

/**
 * The close reason check of {@link ServerDraft} on bytes as a socket delivers them: a frame cut across reads
 * anywhere, even inside its mask key. The conformance suite sends each close frame in one write, so the cut
 * is proven here.
 */
class ServerDraftTest {
    /** Autobahn 7.5.1's reason: "κόσμε" and "edited" around a UTF-16 surrogate (ED A0 80), which UTF-8 forbids. */
    private static final byte[] NOT_UTF8 = {(byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9,
            (byte) 0xCF, (byte) 0x83, (byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5, (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, 'e', 'd', 'i', 't', 'e', 'd'};

    @Test
    void closeReasonNotUtf8Fails1007WhereverTheReadsCutTheFrame() {
        byte[] wire = maskedClose(1000, NOT_UTF8);
        for (int cut = 1; cut < wire.length; cut++) {
            ServerDraft draft = new ServerDraft(new ArrayList<>(), 65536);
            int at = cut;
            InvalidDataException e = catchThrowableOfType(InvalidDataException.class, () -> {
                draft.translateFrame(read(wire, 0, at));
                draft.translateFrame(read(wire, at, wire.length));
            });
            assertThat(e).as("close frame cut after %d of %d bytes", cut, wire.length).isNotNull();
            assertThat(e.getCloseCode()).isEqualTo(CloseFrame.NO_UTF8);
        }
    }

    @Test
    void closeWithUtf8ReasonStillReachesTheLibrary() throws Exception {
        byte[] wire = maskedClose(1000, "κόσμε, bye".getBytes(StandardCharsets.UTF_8));
        ServerDraft draft = new ServerDraft(new ArrayList<>(), 65536);
        List<Framedata> frames = new ArrayList<>(draft.translateFrame(read(wire, 0, 9)));
        frames.addAll(draft.translateFrame(read(wire, 9, wire.length)));
        assertThat(frames).singleElement().isInstanceOfSatisfying(CloseFrame.class, close -> {
            assertThat(close.getCloseCode()).isEqualTo(1000);
            assertThat(close.getMessage()).isEqualTo("κόσμε, bye");
        });
    }

    /** One socket read: a buffer of its own, as the library's reads are (it indexes {@code array()} directly). */
    private static ByteBuffer read(byte[] wire, int from, int to) {
        return ByteBuffer.wrap(Arrays.copyOfRange(wire, from, to));
    }

    private static byte[] maskedClose(int code, byte[] reason) {
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        byte[] wire = new byte[6 + payload.length];
        wire[0] = (byte) 0x88;
        wire[1] = (byte) (0x80 | payload.length);
        System.arraycopy(key, 0, wire, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            wire[6 + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return wire;
    }
}
