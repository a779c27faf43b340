package io.wsbench.bench.load;

import io.wsbench.bench.LoadClients;
import io.wsbench.bench.Reasons;
import io.wsbench.bench.format.Histograms;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.ClientOptions;
import io.wsbench.core.client.WsClient;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;

/**
 * A load JVM of the scale scenario: one process holds fewer connections than its open-file limit, so the bench
 * starts several of these ({@link LoadAgents}), each opening its share from its own source address and holding it
 * idle (the Netty client answers the servers' pings). Commands come as lines on stdin, answers go as lines on
 * stdout ({@link AgentLines}); its log goes to stderr. The end of stdin ends it at once, whatever it is doing: that
 * is how it dies with the bench, also when the bench is killed with SIGKILL (the kernel closes the pipe), like the
 * topology's reaper.
 *
 * <p>Notifications it times are {@link #notification(long, long) "scale:&lt;seq&gt;:&lt;sent&gt;"}, where sent is
 * {@link System#nanoTime()} in the bench when it posted them: on Linux that is CLOCK_MONOTONIC, one clock for
 * every process of the machine, so receipt time less sent time is the time to receipt.
 */
public final class LoadAgent {
    private static final String PREFIX = "scale:";
    /**
     * How long an open command waits for its outstanding handshakes after the last one started. At 100,000 the
     * server CPU saturates and nginx's accept queues hold thousands (280 of 511 each in a try): 65 s was too short
     * for about 2% of the last step's connections, which nginx still accepted a minute later.
     */
    static final Duration SETTLE = Duration.ofMinutes(5);

    private final WsClient client;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicReference<String> firstClose = new AtomicReference<>();
    private final Map<Long, AtomicInteger> receivedBySeq = new ConcurrentHashMap<>();
    private final Recorder receipts = new Recorder(3);
    private final Listener listener = new Listener();

    LoadAgent(WsClient client) {
        this.client = client;
    }

    /** The text the bench posts to {@code /notify} for broadcast {@code seq}, sent at {@code sentNanos}. */
    public static String notification(long seq, long sentNanos) {
        return PREFIX + seq + ":" + sentNanos;
    }

    public static void main(String[] args) throws Exception {
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout carries answers only
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread stdin = new Thread(() -> readUntilEnd(commands), "wsbench-agent-stdin");
        stdin.setDaemon(true);
        stdin.start();
        try (WsClient client = LoadClients.find("netty").create(ClientOptions.defaults().withIoThreads(1))) {
            LoadAgent agent = new LoadAgent(client);
            replies.println(AgentLines.write(AgentReport.ready()));
            while (true) {
                String line = commands.take();
                AgentReport report;
                String op = "?";
                try {
                    AgentCommand command = AgentLines.read(line, AgentCommand.class);
                    op = command.op();
                    report = agent.handle(command);
                } catch (Exception e) {
                    report = AgentReport.failure(op, Reasons.of(e));
                }
                replies.println(AgentLines.write(report));
            }
        }
    }

    /** Reads commands until stdin ends, then halts the JVM: the bench is gone or done with us. */
    private static void readUntilEnd(BlockingQueue<String> commands) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                commands.add(line);
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
        Runtime.getRuntime().halt(0);
    }

    AgentReport handle(AgentCommand command) throws Exception {
        return switch (command.op()) {
            case AgentCommand.OPEN -> open(command);
            case AgentCommand.AWAIT -> await(command);
            case AgentCommand.CUT -> report(AgentCommand.CUT, 0, 0, null, 0, null, 0, 0,
                    Histograms.encode(receipts.getIntervalHistogram()));
            case AgentCommand.STATUS -> report(AgentCommand.STATUS, 0, 0, null, 0, null, 0, 0, null);
            default -> throw new IllegalArgumentException("unknown command '" + command.op() + "'");
        };
    }

    private AgentReport open(AgentCommand command) throws Exception {
        SourceAddresses source = new SourceAddresses(List.of(InetAddress.getByName(command.source())),
                Math.max(1, command.count()));
        ScheduledConnects attempts = ScheduledConnects.run(client, URI.create(command.uri()), command.count(),
                command.perSecond(), source, listener, open::add, false, SETTLE);
        return report(AgentCommand.OPEN, attempts.opened(), attempts.failed(), attempts.firstFailure(),
                attempts.seconds(), Histograms.encode(attempts.connectNanos()), 0, 0, null);
    }

    private AgentReport await(AgentCommand command) throws InterruptedException {
        AtomicInteger got = receivedBySeq.computeIfAbsent(command.seq(), s -> new AtomicInteger());
        long deadline = System.nanoTime() + command.patienceMillis() * 1_000_000L;
        while (got.get() < open.size() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        receivedBySeq.remove(command.seq() - 1); // keeps the map to the current and the next notification
        return report(AgentCommand.AWAIT, 0, 0, null, 0, null, command.seq(), got.get(), null);
    }

    private AgentReport report(String op, int opened, int failed, String firstFailure, double seconds,
                               String connectNanos, long seq, int received, String receiptNanos) {
        return new AgentReport(op, open.size(), closed.get(), firstClose.get(), opened, failed, firstFailure,
                seconds, connectNanos, seq, received, receiptNanos, null);
    }

    /** The seq and sent time of {@code scale:<seq>:<sent>}, or null when the text is not one. */
    static long[] parse(String text) {
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        int colon = text.indexOf(':', PREFIX.length());
        try {
            return colon < 0 ? null : new long[] {Long.parseLong(text.substring(PREFIX.length(), colon)),
                    Long.parseLong(text.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Times each notification and counts it for its seq; an end is counted with the first code kept. */
    private final class Listener implements ClientListener {
        @Override
        public void onText(ClientConnection connection, String text) {
            long now = System.nanoTime();
            long[] n = parse(text);
            if (n != null) {
                receipts.recordValue(Math.max(0, now - n[1]));
                receivedBySeq.computeIfAbsent(n[0], s -> new AtomicInteger()).incrementAndGet();
            }
        }

        @Override
        public void onClose(ClientConnection connection, int code, String reason) {
            if (open.remove(connection)) {
                closed.incrementAndGet();
                firstClose.compareAndSet(null, String.format(Locale.ROOT, "%d%s", code,
                        reason == null || reason.isEmpty() ? "" : " " + reason));
            }
        }
    }
}
