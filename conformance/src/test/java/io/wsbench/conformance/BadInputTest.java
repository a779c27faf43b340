package io.wsbench.conformance;

import static io.wsbench.conformance.MessagingTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.CloseCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.6: a message over READ_LIMIT closes 1009 however it is cut up, invalid UTF-8 closes 1007, a protocol
 * violation closes 1002 (RFC 6455 §5, §7.4.1), and none of it disturbs anyone else: after every case a bystander
 * connection on the same server must still get its echo.
 */
@DisplayName("§3.6 Limits and bad input")
@ExtendWith(ConformanceMatrix.class)
class BadInputTest {
    private static final int LIMIT = ScaledConfig.READ_LIMIT;
    private static final int SMALL_FRAGMENT = 256;

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();
    @AutoClose
    static final Bystanders BYSTANDERS = new Bystanders();

    private static ServerUnderTest server(ServerImpl impl) throws Exception {
        return SERVERS.of(impl, ScaledConfig.standard());
    }

    @ForEachImpl
    void invalidUtf8Closes1007(ServerImpl impl) throws Exception {
        byte[] text = {'h', 'e', 'l', 'l', 'o', (byte) 0xFF, 'x'};
        assertClosesWith(impl, CloseCodes.INVALID_PAYLOAD, Frame.of(true, Frame.TEXT, text));
    }

    /** Autobahn 6.4: the bad byte arrives in a later fragment than the code point it breaks. */
    @ForEachImpl
    void invalidUtf8SplitAcrossFragmentsCloses1007(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.INVALID_PAYLOAD,
                Frame.of(false, Frame.TEXT, new byte[] {'h', 'i', ' ', (byte) 0xE2, (byte) 0x82}),
                Frame.of(true, Frame.CONTINUATION, new byte[] {'(', 'w', 'o', 'r', 'l', 'd', ')'}));
    }

    @ForEachImpl
    void oversizeTextMessageCloses1009(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.MESSAGE_TOO_BIG, Frame.of(true, Frame.TEXT, ascii(LIMIT + 1)));
    }

    @ForEachImpl
    void oversizeBinaryMessageCloses1009(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.MESSAGE_TOO_BIG, Frame.of(true, Frame.BINARY, new byte[LIMIT + 1]));
    }

    /** The limit is on the reassembled message, not the frame: 257 frames of 256 bytes each stay under any frame limit. */
    @ForEachImpl
    void oversizeTextInSmallFragmentsCloses1009(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.MESSAGE_TOO_BIG, fragments(Frame.TEXT, ascii(LIMIT + 1), SMALL_FRAGMENT));
    }

    @ForEachImpl
    void oversizeBinaryInSmallFragmentsCloses1009(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.MESSAGE_TOO_BIG, fragments(Frame.BINARY, new byte[LIMIT + 1], SMALL_FRAGMENT));
    }

    @ForEachImpl
    void messageOfExactlyReadLimitPasses(ServerImpl impl) throws Exception {
        byte[] text = ascii(LIMIT);
        byte[] binary = new byte[LIMIT];
        new Random(7).nextBytes(binary);
        try (RawWebSocket ws = RawWebSocket.to(server(impl)).open()) {
            ws.send(Frame.of(true, Frame.TEXT, text));
            RawWebSocket.Message echo = ws.nextMessage();
            assertThat(echo.data()).as("echo of a %d-byte text frame", LIMIT).isEqualTo(text);
            for (Frame f : fragments(Frame.BINARY, binary, SMALL_FRAGMENT)) {
                ws.send(f);
            }
            echo = ws.nextMessage();
            assertThat(echo.opcode()).isEqualTo(Frame.BINARY);
            assertThat(echo.data()).as("echo of a %d-byte binary message in %d-byte fragments", LIMIT, SMALL_FRAGMENT)
                    .isEqualTo(binary);
        }
        ConformanceMatrix.saw(LIMIT + " B echoed");
        BYSTANDERS.assertStillEchoes(server(impl));
    }

    /** RFC 6455 §5.1: a server MUST close on an unmasked client frame. */
    @ForEachImpl
    void unmaskedFrameCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.of(true, Frame.TEXT, utf8("hello")).unmasked());
    }

    /** RSV1 without permessage-deflate negotiated on this connection (some stacks enable deflate by default). */
    @ForEachImpl
    void reservedBitsWithoutExtensionClose1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.of(true, Frame.TEXT, utf8("hello")).withRsv(Frame.RSV1));
    }

    @ForEachImpl
    void fragmentedControlFrameCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR,
                Frame.of(false, Frame.PING, utf8("frag")),
                Frame.of(true, Frame.CONTINUATION, utf8("ment")));
    }

    @ForEachImpl
    void controlFrameOver125BytesCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.of(true, Frame.PING, ascii(126)));
    }

    @ForEachImpl
    void unknownOpcodeCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.of(true, 0x3, utf8("hello")));
    }

    @ForEachImpl
    void continuationWithoutStartCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.of(true, Frame.CONTINUATION, utf8("hello")));
    }

    @ForEachImpl
    void newMessageInsideFragmentedMessageCloses1002(ServerImpl impl) throws Exception {
        assertClosesWith(impl, CloseCodes.PROTOCOL_ERROR,
                Frame.of(false, Frame.TEXT, utf8("Hel")),
                Frame.of(true, Frame.TEXT, utf8("lo")));
    }

    @ForEachImpl
    void garbageOnOneConnectionLeavesOthersWorking(ServerImpl impl) throws Exception {
        ServerUnderTest server = server(impl);
        byte[] garbage = new byte[4096];
        new Random(1234).nextBytes(garbage);
        garbage[0] = (byte) 0xFF; // FIN, all three RSV bits, opcode 0xF: wrong from the first byte on
        List<JdkClient> others = new ArrayList<>();
        try (RawWebSocket ws = RawWebSocket.to(server).open()) {
            for (int i = 0; i < 3; i++) {
                others.add(JdkClient.connect(server));
            }
            try {
                ws.sendRaw(garbage);
            } catch (java.io.IOException e) {
                // closed while the garbage was still being written: fine
            }
            Close close = ws.awaitClose();
            ConformanceMatrix.saw(close);
            assertThat(close.ended()).withFailMessage("a connection sending garbage was not closed: %s", close).isTrue();
            for (int i = 0; i < others.size(); i++) {
                others.get(i).sendText("other " + i);
                assertThat(others.get(i).nextText()).isEqualTo("other " + i);
            }
        } finally {
            others.forEach(JdkClient::close);
        }
        BYSTANDERS.assertStillEchoes(server);
    }

    /** Opens a connection, sends the frames and expects the server's close frame with {@code code}. */
    private static void assertClosesWith(ServerImpl impl, int code, Frame... frames) throws Exception {
        ServerUnderTest server = server(impl);
        Close close;
        try (RawWebSocket ws = RawWebSocket.to(server).open()) {
            ws.sendUntilClosed(frames);
            close = ws.awaitClose();
        }
        ConformanceMatrix.saw(close);
        assertThat(close.code())
                .withFailMessage("after %s expected a %d close frame, got %s", describe(frames), code, close)
                .isEqualTo(code);
        BYSTANDERS.assertStillEchoes(server);
    }

    static Frame[] fragments(int opcode, byte[] message, int size) {
        List<Frame> frames = new ArrayList<>();
        for (int at = 0; at < message.length; at += size) {
            int end = Math.min(message.length, at + size);
            frames.add(Frame.of(end == message.length, at == 0 ? opcode : Frame.CONTINUATION,
                    Arrays.copyOfRange(message, at, end)));
        }
        return frames.toArray(new Frame[0]);
    }

    static byte[] ascii(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    private static String describe(Frame[] frames) {
        return frames.length <= 3 ? Arrays.toString(frames) : frames.length + " frames starting " + frames[0];
    }
}
