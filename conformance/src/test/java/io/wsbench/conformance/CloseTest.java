package io.wsbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wsbench.core.CloseCodes;
import io.wsbench.core.Feature;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3.8: the closing handshake in both directions, and the close frames Autobahn|Testsuite's section 7 sends: the
 * codes that may and may not be on the wire, close payloads that are too short, too long or not UTF-8, and a close
 * in the middle of a fragmented message.
 */
@DisplayName("§3.8 Close")
@ExtendWith(ConformanceMatrix.class)
class CloseTest {
    @AutoClose
    static final RunningServers SERVERS = new RunningServers();

    @ForEachImpl
    void clientClose1000IsAnswered1000(ServerImpl impl) throws Exception {
        ServerUnderTest server = SERVERS.of(impl, ScaledConfig.standard());
        Close raw;
        try (RawWebSocket ws = RawWebSocket.to(server).open()) {
            ws.sendClose(CloseCodes.NORMAL);
            raw = ws.awaitClose();
        }
        int jdk;
        try (JdkClient client = JdkClient.connect(server)) {
            client.sendClose(CloseCodes.NORMAL);
            jdk = client.awaitCloseCode();
        }
        ConformanceMatrix.saw(raw);
        assertThat(raw.code()).withFailMessage("raw client's close 1000 answered with %s", raw).isEqualTo(1000);
        assertThat(jdk).withFailMessage("JDK client's close 1000 answered with %s", jdk).isEqualTo(1000);
    }

    // Autobahn|Testsuite section 7 (autobahntestsuite/case/case7_*.py): what a server does with the close frames
    // a client sends. Each code or payload gets a connection of its own, so one bad answer cannot hide another.

    /** Autobahn 7.7.1–7.7.13: codes a peer may send; RFC 6455 §5.5.1 lets the answer echo them or say 1000. */
    private static final int[] CODES_ALLOWED_ON_THE_WIRE =
            {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    /**
     * Autobahn 7.9.1–7.9.9, plus 1015: RFC 6455 §7.4.1 keeps 1005, 1006 and 1015 off the wire, §7.4.2 leaves 0–999
     * unused and 1016–2999 to future RFCs (1012–1014 have since been registered, so neither list has them).
     */
    private static final int[] CODES_NOT_ALLOWED_ON_THE_WIRE = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999};
    /** Autobahn 7.13.1–7.13.2: RFC 6455 defines nothing above 4999, so Autobahn only records what happens. */
    private static final int[] CODES_ABOVE_4999 = {5000, 65535};

    @ForEachImpl
    void closeCodesAllowedOnTheWireAreAnsweredWithTheSameCodeOr1000(ServerImpl impl) throws Exception {
        Map<Integer, Close> answers = answersToCloseCodes(impl, CODES_ALLOWED_ON_THE_WIRE);
        ConformanceMatrix.saw(summary(answers));
        assertThat(unexpected(answers, code -> List.of(CloseCodes.NORMAL, code), false))
                .as("allowed close codes not answered with a close frame carrying 1000 or the same code").isEmpty();
    }

    @ForEachImpl
    void closeCodesNotAllowedOnTheWireAreAnswered1002(ServerImpl impl) throws Exception {
        Map<Integer, Close> answers = answersToCloseCodes(impl, CODES_NOT_ALLOWED_ON_THE_WIRE);
        ConformanceMatrix.saw(summary(answers));
        assertThat(unexpected(answers, code -> List.of(CloseCodes.PROTOCOL_ERROR), false))
                .as("close codes that must not be sent, not answered with a 1002 close frame").isEmpty();
    }

    /** Autobahn passes a close with 1000, the same code or 1002, or a dropped connection: it must not hang. */
    @ForEachImpl
    void closeCodesAbove4999EndTheConnection(ServerImpl impl) throws Exception {
        Map<Integer, Close> answers = answersToCloseCodes(impl, CODES_ABOVE_4999);
        ConformanceMatrix.saw(summary(answers));
        assertThat(unexpected(answers, code -> List.of(CloseCodes.NORMAL, code, CloseCodes.PROTOCOL_ERROR), true))
                .as("close codes above 4999 answered with something Autobahn does not accept").isEmpty();
    }

    /** Autobahn 7.3.1: an empty close payload means "no status" (RFC 6455 §7.1.5); the answer is 1000 or empty. */
    @ForEachImpl
    void closeWithoutPayloadIsAnswered1000OrEmpty(ServerImpl impl) throws Exception {
        Close close = answerTo(impl, new ArrayList<>(), Frame.of(true, Frame.CLOSE, new byte[0]));
        ConformanceMatrix.saw(close);
        assertThat(close.code()).withFailMessage("an empty close frame answered with %s", close)
                .isIn(CloseCodes.NORMAL, CloseCodes.NO_STATUS);
    }

    /** Autobahn 7.3.4 and 7.3.5: 1000 with a reason, the longest being 123 bytes (a control frame holds 125). */
    @ForEachImpl
    void closeWithReasonUpTo123BytesIsAnswered1000(ServerImpl impl) throws Exception {
        Map<String, Close> answers = new LinkedHashMap<>();
        for (String reason : List.of("Hello World!", "*".repeat(123))) {
            answers.put(reason.length() + " B reason", answerTo(impl, new ArrayList<>(),
                    Frame.close(CloseCodes.NORMAL, reason.getBytes(StandardCharsets.UTF_8))));
        }
        ConformanceMatrix.saw(answers.values().stream().map(String::valueOf).distinct().toList());
        assertThat(answers).as("close 1000 with a reason, answered with").allSatisfy((reason, close) ->
                assertThat(close.code()).as(reason).isEqualTo(CloseCodes.NORMAL));
    }

    /** Autobahn 7.3.2: a close payload is empty or starts with a 2-byte code; one byte is neither. */
    @ForEachImpl
    void closePayloadOfOneByteIsAnswered1002(ServerImpl impl) throws Exception {
        Frame oneByte = Frame.of(true, Frame.CLOSE, new byte[] {'a'});
        if (ConformanceMatrix.supports(impl, Feature.CLOSE_PAYLOAD_LENGTH)) {
            assertAnsweredWith(impl, CloseCodes.PROTOCOL_ERROR, oneByte);
            return;
        }
        // what still applies: the close ends the connection, it does not hang
        Close answer = answerTo(impl, new ArrayList<>(), oneByte);
        ConformanceMatrix.saw(answer);
        assertThat(answer.ended()).withFailMessage("a close frame with a 1-byte payload left the connection %s", answer)
                .isTrue();
    }

    /** Autobahn 7.3.6: 1000 and a 124-byte reason, 126 bytes, over the 125 a control frame may carry (RFC 6455 §5.5). */
    @ForEachImpl
    void closePayloadOver125BytesIsAnswered1002(ServerImpl impl) throws Exception {
        byte[] reason = "*".repeat(124).getBytes(StandardCharsets.US_ASCII);
        assertAnsweredWith(impl, CloseCodes.PROTOCOL_ERROR, Frame.close(CloseCodes.NORMAL, reason));
    }

    /**
     * Autobahn 7.5.1: the reason is "κόσμε" with a UTF-16 surrogate (ED A0 80) in it, which UTF-8 forbids. RFC 6455
     * §8.1 fails the connection; Autobahn accepts 1007 (the SPEC's code for invalid UTF-8) or 1002.
     */
    @ForEachImpl
    void closeReasonNotUtf8IsAnswered1007Or1002(ServerImpl impl) throws Exception {
        byte[] reason = {(byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9, (byte) 0xCF, (byte) 0x83,
                (byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                'e', 'd', 'i', 't', 'e', 'd'};
        Close close = answerTo(impl, new ArrayList<>(), Frame.close(CloseCodes.NORMAL, reason));
        ConformanceMatrix.saw(close);
        assertThat(close.code()).withFailMessage("a close reason that is not UTF-8 answered with %s", close)
                .isIn(CloseCodes.INVALID_PAYLOAD, CloseCodes.PROTOCOL_ERROR);
    }

    /**
     * Autobahn 7.1.5: a close between a message's first and last fragment is a valid close (control frames may
     * come between fragments); the half message is dropped, and the fragment after the close is ignored.
     */
    @ForEachImpl
    void closeAfterFragmentedStartIsAnswered1000(ServerImpl impl) throws Exception {
        List<Frame> before = new ArrayList<>();
        Close close = answerTo(impl, before,
                Frame.of(false, Frame.TEXT, "fragment1".getBytes(StandardCharsets.UTF_8)),
                Frame.close(CloseCodes.NORMAL),
                Frame.of(true, Frame.CONTINUATION, "fragment2".getBytes(StandardCharsets.UTF_8)));
        ConformanceMatrix.saw(close);
        assertThat(close.code()).withFailMessage("close 1000 after a first fragment answered with %s", close)
                .isEqualTo(CloseCodes.NORMAL);
        assertThat(before).as("frames the server sent before its close").isEmpty();
    }

    /** Autobahn 7.1.2–7.1.4: after the client's close, a ping, a text and a second close are all ignored. */
    @ForEachImpl
    void framesAfterCloseAreIgnored(ServerImpl impl) throws Exception {
        List<Frame> before = new ArrayList<>();
        Close close = answerTo(impl, before,
                Frame.close(CloseCodes.NORMAL),
                Frame.of(true, Frame.PING, "ping".getBytes(StandardCharsets.UTF_8)),
                Frame.of(true, Frame.TEXT, "Hello World!".getBytes(StandardCharsets.UTF_8)),
                Frame.of(true, Frame.CLOSE, new byte[0]));
        ConformanceMatrix.saw(close);
        assertThat(close.code()).withFailMessage("close 1000 followed by ping, text and close answered with %s", close)
                .isEqualTo(CloseCodes.NORMAL);
        assertThat(before).as("frames (pong, echo) the server sent before its close").isEmpty();
    }

    private static void assertAnsweredWith(ServerImpl impl, int code, Frame close) throws Exception {
        Close answer = answerTo(impl, new ArrayList<>(), close);
        ConformanceMatrix.saw(answer);
        assertThat(answer.code()).withFailMessage("after %s expected a %d close frame, got %s", close, code, answer)
                .isEqualTo(code);
    }

    /** Opens a connection, sends the frames, returns the server's close; frames before it are added to {@code before}. */
    private static Close answerTo(ServerImpl impl, List<Frame> before, Frame... frames) throws Exception {
        ServerUnderTest server = SERVERS.of(impl, ScaledConfig.standard());
        try (RawWebSocket ws = RawWebSocket.to(server).open()) {
            ws.sendUntilClosed(frames);
            return ws.awaitClose(ScaledConfig.EVENTUALLY, before);
        }
    }

    private static Map<Integer, Close> answersToCloseCodes(ServerImpl impl, int[] codes) throws Exception {
        Map<Integer, Close> answers = new LinkedHashMap<>();
        for (int code : codes) {
            answers.put(code, answerTo(impl, new ArrayList<>(), Frame.close(code)));
        }
        return answers;
    }

    /** The answers that are neither a close frame with one of {@code allowed(code)} nor, if allowed, a dropped connection. */
    private static Map<Integer, Close> unexpected(Map<Integer, Close> answers, IntFunction<List<Integer>> allowed,
            boolean dropAllowed) {
        Map<Integer, Close> wrong = new LinkedHashMap<>();
        answers.forEach((code, close) -> {
            boolean ok = close.hasFrame() ? allowed.apply(code).contains(close.code()) : dropAllowed && close.ended();
            if (!ok) {
                wrong.put(code, close);
            }
        });
        return wrong;
    }

    /** "1002 ×9, 1000 for 1015": the answers grouped, "same" where the server echoed the code. */
    private static String summary(Map<Integer, Close> answers) {
        Map<String, List<Integer>> byAnswer = new LinkedHashMap<>();
        answers.forEach((code, close) -> byAnswer.computeIfAbsent(
                close.hasFrame() && close.code() == code ? "same code" : close.toString(), k -> new ArrayList<>()).add(code));
        return byAnswer.entrySet().stream()
                .map(e -> e.getValue().size() > 2 ? e.getKey() + " ×" + e.getValue().size() : e.getKey() + " for " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The adapter brief: {@code Transport.close()} frees every thread and both ports, because one JVM (this suite,
     * the bench) starts and stops servers many times. A first start/stop loads the library's JVM-wide singletons
     * (not leaks); the second must leave no new thread alive once its pools have wound down. A reference server
     * stops as a process (SIGTERM): its ports must be free once it has exited, and nothing of it stays in this JVM.
     */
    @ForEachImpl
    void serverCloseReleasesItsPortsAndThreads(ServerImpl impl) throws Exception {
        startUseAndClose(impl);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int[] ports = startUseAndClose(impl);
        long deadline = RawWebSocket.deadline(ScaledConfig.EVENTUALLY);
        List<String> leaked = leakedThreads(before);
        while (!leaked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            leaked = leakedThreads(before);
        }
        assertThat(leaked).as("threads started by the server and still alive %d s after close()",
                ScaledConfig.EVENTUALLY.toSeconds()).isEmpty();
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (BindException e) {
                throw new AssertionError("port " + port + " is still bound after close(): " + e.getMessage());
            }
        }
        ConformanceMatrix.saw("ports " + ports[0] + ", " + ports[1] + " free");
    }

    private static int[] startUseAndClose(ServerImpl impl) throws Exception {
        try (ServerUnderTest server = impl.start(ScaledConfig.standard());
             JdkClient client = JdkClient.connect(server)) {
            client.sendText("hello");
            assertThat(client.nextText()).isEqualTo("hello");
            return new int[] {server.port(), server.adminPort()};
        }
    }

    /** Threads not in {@code before}, minus this suite's own HTTP client workers and JVM housekeeping. */
    private static List<String> leakedThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("HttpClient-") && !name.equals("Attach Listener")
                        && !name.startsWith("process reaper"))
                .sorted()
                .toList();
    }

    /** The server's shutdown (close()) is the act under test here, so this case owns its server's whole life. */
    @ForEachImpl
    void serverShutdownSends1001ToEveryClient(ServerImpl impl) throws Exception {
        ServerUnderTest server = impl.start(ScaledConfig.standard());
        List<JdkClient> clients = new ArrayList<>();
        RawWebSocket raw = null;
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(JdkClient.connect(server));
            }
            raw = RawWebSocket.to(server).open();
            ServerUnderTest running = server;
            await().atMost(ScaledConfig.EVENTUALLY).until(() -> running.connectionCount() == 4);
            // the raw client answers the close while the server waits for the handshakes
            RawWebSocket reader = raw;
            CompletableFuture<Close> rawClose = CompletableFuture.supplyAsync(reader::awaitClose,
                    task -> new Thread(task, "raw-close-reader").start());

            server.close();
            server = null;

            List<Object> seen = new ArrayList<>();
            for (JdkClient client : clients) {
                seen.add(client.closed().get(ScaledConfig.EVENTUALLY.toMillis(), TimeUnit.MILLISECONDS));
            }
            seen.add(rawClose.get(ScaledConfig.EVENTUALLY.toMillis() + 1000, TimeUnit.MILLISECONDS));
            ConformanceMatrix.saw(seen.stream().map(String::valueOf).distinct().toList().toString());
            assertThat(seen).as("close codes the 3 JDK clients and the raw client saw")
                    .map(String::valueOf).containsOnly("1001");
        } finally {
            clients.forEach(JdkClient::close);
            if (raw != null) {
                raw.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
