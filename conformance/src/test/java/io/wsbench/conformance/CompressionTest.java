package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.Feature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.7 and the decompressed limit of §3.6, with the raw client doing permessage-deflate itself
 * ({@link PerMessageDeflate}) so nothing about the server's side is taken on trust. Three servers per impl:
 * compression off, on at level 1, on at level 9.
 */
@DisplayName("§3.7 Compression")
@ExtendWith(ConformanceMatrix.class)
class CompressionTest {
    /** A plain offer: no client_max_window_bits, since java.util.zip cannot deflate with a smaller window. */
    private static final String OFFER = "permessage-deflate";

    @AutoClose
    static final RunningServers SERVERS = new RunningServers();
    @AutoClose
    static final Bystanders BYSTANDERS = new Bystanders();

    private static ServerUnderTest off(ServerImpl impl) throws Exception {
        return SERVERS.of(impl, ScaledConfig.standard());
    }

    private static ServerUnderTest level(ServerImpl impl, int level) throws Exception {
        return SERVERS.of(impl, ScaledConfig.compression(level));
    }

    /** Asserted for every impl, supported or not: "off" must never negotiate (Jetty enables deflate by default). */
    @ForEachImpl
    void compressionOffNeverNegotiatesDeflate(ServerImpl impl) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(off(impl)).offer(OFFER).open()) {
            ConformanceMatrix.saw(ws.extensions() == null ? "no extension" : ws.extensions());
            assertThat(ws.extensions()).as("Sec-WebSocket-Extensions with COMPRESSION=off")
                    .satisfiesAnyOf(e -> assertThat(e).isNull(), e -> assertThat(e).doesNotContain("permessage-deflate"));
            ws.sendText("plain");
            assertThat(ws.nextText()).isEqualTo("plain");
        }
    }

    @ForEachImpl
    void compressionOnNegotiatesDeflate(ServerImpl impl) throws Exception {
        boolean supported = ConformanceMatrix.supports(impl, Feature.COMPRESSION);
        try (RawWebSocket ws = RawWebSocket.to(level(impl, 9)).offer(OFFER).open()) {
            ConformanceMatrix.saw(ws.extensions() == null ? "no extension" : ws.extensions());
            if (supported) {
                assertThat(ws.extensions()).as("Sec-WebSocket-Extensions with COMPRESSION=on")
                        .isNotNull().contains("permessage-deflate");
                ws.sendCompressedText("hello, deflated");
                assertThat(ws.nextText()).isEqualTo("hello, deflated");
            } else if (ws.deflateNegotiated()) {
                // declared unsupported, yet negotiated: it must at least work for one message
                ws.sendCompressedText("hello, deflated");
                assertThat(ws.nextText()).isEqualTo("hello, deflated");
            } else {
                ws.sendText("hello, declined");
                assertThat(ws.nextText()).isEqualTo("hello, declined");
            }
        }
    }

    /**
     * With context takeover each message may point back into the previous ones, in both directions; a side that
     * resets (or loses) its window between messages breaks on the second message (Java-WebSocket #1496). The
     * offer asks for no "no context takeover", so RFC 7692's default applies: a server that claims to keep its
     * window must not answer server_no_context_takeover (it may, by §7.1.1.1, but then this case proves nothing
     * about the server's side).
     */
    @ForEachImpl
    void compressedMessagesRoundTripWithContextTakeover(ServerImpl impl) throws Exception {
        if (!ConformanceMatrix.supports(impl, Feature.COMPRESSION)) {
            return;
        }
        boolean supported = ConformanceMatrix.supports(impl, Feature.SERVER_CONTEXT_TAKEOVER);
        try (RawWebSocket ws = RawWebSocket.to(level(impl, 9)).offer(OFFER).open()) {
            assertThat(ws.deflateNegotiated()).as("permessage-deflate negotiated").isTrue();
            if (supported) {
                assertThat(ws.extensions()).as("Sec-WebSocket-Extensions answering a plain offer")
                        .doesNotContain("server_no_context_takeover");
            }
            int compressedReplies = 0;
            for (int i = 0; i < 5; i++) {
                String message = "{\"seq\":" + i + ",\"items\":" + Payloads.notifications(2048, 99) + "}";
                ws.sendCompressedText(message);
                RawWebSocket.Message reply = ws.nextMessage();
                assertThat(reply.text()).as("echo of compressed message %d", i).isEqualTo(message);
                compressedReplies += reply.compressed() ? 1 : 0;
            }
            ConformanceMatrix.saw(compressedReplies + "/5 replies compressed");
        }
    }

    /** RFC 7692 §7.1.1.1: a server accepting server_no_context_takeover must say so, then honour it. */
    @ForEachImpl
    void noContextTakeoverIsHonouredWhenRequested(ServerImpl impl) throws Exception {
        if (!ConformanceMatrix.supports(impl, Feature.COMPRESSION)) {
            return;
        }
        boolean supported = ConformanceMatrix.supports(impl, Feature.NO_CONTEXT_TAKEOVER);
        String offer = "permessage-deflate; client_no_context_takeover; server_no_context_takeover";
        try (RawWebSocket ws = RawWebSocket.to(level(impl, 9)).offer(offer).open()) {
            ConformanceMatrix.saw(ws.extensions() == null ? "no extension" : ws.extensions());
            if (supported) {
                assertThat(ws.extensions()).as("Sec-WebSocket-Extensions").isNotNull()
                        .contains("permessage-deflate").contains("server_no_context_takeover");
            } else if (ws.deflateNegotiated()) {
                assertThat(ws.extensions()).as("accepting the offer means accepting server_no_context_takeover")
                        .contains("server_no_context_takeover");
            }
            String message = Payloads.notifications(2048, 5);
            for (int i = 0; i < 3; i++) {
                // the same message thrice: a server keeping its window would back-reference the previous copy,
                // which this client's per-message inflater cannot resolve
                if (ws.deflateNegotiated()) {
                    ws.sendCompressedText(message);
                } else {
                    ws.sendText(message);
                }
                assertThat(ws.nextText()).as("echo %d", i).isEqualTo(message);
            }
        }
    }

    /**
     * The same ~20 KiB of JSON echoed by a level-1 and a level-9 server, each the first message on its
     * connection: zlib at 9 is never larger than at 1 and, for this payload, clearly smaller. A size check, not a
     * timing one.
     */
    @ForEachImpl
    void compressionLevelIsApplied(ServerImpl impl) throws Exception {
        if (!ConformanceMatrix.supports(impl, Feature.COMPRESSION)) {
            return;
        }
        boolean supported = ConformanceMatrix.supports(impl, Feature.COMPRESSION_LEVEL);
        String json = Payloads.notifications(20 * 1024, 2024);
        RawWebSocket.Message at1 = firstReply(level(impl, 1), json);
        RawWebSocket.Message at9 = firstReply(level(impl, 9), json);
        ConformanceMatrix.saw("level 1: " + at1.wireBytes() + " B, level 9: " + at9.wireBytes() + " B");
        if (!supported) {
            return;
        }
        assertThat(at1.compressed()).as("level-1 reply sent compressed").isTrue();
        assertThat(at9.compressed()).as("level-9 reply sent compressed").isTrue();
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        int zlib1 = PerMessageDeflate.deflate(raw, 1).length;
        int zlib9 = PerMessageDeflate.deflate(raw, 9).length;
        assertThat(zlib9).as("test data: java.util.zip level 9 vs level 1").isLessThan(zlib1);
        assertThat(at9.wireBytes())
                .withFailMessage("the reply is %d B at level 9 and %d B at level 1 (java.util.zip: %d B vs %d B):"
                        + " COMPRESSION_LEVEL is not applied", at9.wireBytes(), at1.wireBytes(), zlib9, zlib1)
                .isLessThan(at1.wireBytes());
    }

    /** SPEC §3.6: READ_LIMIT counts after decompression; 1 MiB of 'a' is about 1 KiB on the wire. */
    @ForEachImpl
    void deflateBombCloses1009(ServerImpl impl) throws Exception {
        if (!ConformanceMatrix.supports(impl, Feature.COMPRESSION)) {
            return;
        }
        boolean supported = ConformanceMatrix.supports(impl, Feature.DECOMPRESSED_LIMIT);
        ServerUnderTest server = level(impl, 9);
        String bomb = "a".repeat(16 * ScaledConfig.READ_LIMIT);
        try (RawWebSocket ws = RawWebSocket.to(server).offer(OFFER).open()) {
            assertThat(ws.deflateNegotiated()).as("permessage-deflate negotiated").isTrue();
            ws.sendCompressedText(bomb);
            if (supported) {
                Close close = ws.awaitClose();
                ConformanceMatrix.saw(close);
                assertThat(close.code())
                        .withFailMessage("a message inflating to %d B (READ_LIMIT %d) expected a 1009 close frame, got %s",
                                bomb.length(), ScaledConfig.READ_LIMIT, close)
                        .isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
            } else {
                // no limit to assert; what still applies is that the server survives it (bystander below)
                try {
                    ConformanceMatrix.saw("echoed " + ws.nextMessage().data().length + " B");
                } catch (RawWebSocket.ClosedByServer e) {
                    ConformanceMatrix.saw(e.close);
                } catch (java.io.IOException e) {
                    ConformanceMatrix.saw("connection ended: " + e.getMessage());
                }
            }
        }
        BYSTANDERS.assertStillEchoes(server);
    }

    /** Sends {@code json} compressed as the first message of a new connection; returns the echo as received. */
    private static RawWebSocket.Message firstReply(ServerUnderTest server, String json) throws Exception {
        try (RawWebSocket ws = RawWebSocket.to(server).offer(OFFER).open()) {
            assertThat(ws.deflateNegotiated()).as("permessage-deflate negotiated at level %d",
                    server.config().compressionLevel()).isTrue();
            ws.sendCompressedText(json);
            RawWebSocket.Message reply = ws.nextMessage();
            assertThat(reply.text()).as("echo at level %d", server.config().compressionLevel()).isEqualTo(json);
            return reply;
        }
    }
}
