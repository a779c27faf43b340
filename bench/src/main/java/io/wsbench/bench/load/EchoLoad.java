package io.wsbench.bench.load;

import io.wsbench.bench.machine.ProcessUsage;
import io.wsbench.bench.machine.ResourceSampler;
import io.wsbench.bench.result.WarmUp;
import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop echo over C connections: each connection keeps exactly one text message in flight and sends the
 * next the moment the echo arrives, so the offered load is whatever the server (and the client) can turn
 * around. Every round trip is recorded, from just before the send to the arrival of the echo, into one
 * HdrHistogram {@link Recorder} per connection group; {@link #cut()} takes an interval snapshot of all of them,
 * so a window's percentiles come from every reply in it, never from averages.
 *
 * <pre>{@code
 * try (EchoLoad load = EchoLoad.open(client, uri, 64)) {
 *     load.start(EchoLoad.text(1024));
 *     Thread.sleep(warmUp); load.cut();          // discard the warm-up
 *     Thread.sleep(measure); EchoWindow w = load.cut();
 *     load.stop(Duration.ofSeconds(10));         // let in-flight echoes come back; throws if they do not
 * }
 * }</pre>
 */
public final class EchoLoad implements AutoCloseable {

    private final ConnectionSet connections;
    private final List<Member> members = new ArrayList<>();
    private final RoundTrips roundTrips;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong mismatches = new AtomicLong();
    /** What the connections send, in turn: the next send takes the next one (see {@link #start(List)}). */
    private volatile List<String> payloads = List.of("");
    private final AtomicLong nextPayload = new AtomicLong();
    private volatile boolean sending;

    private EchoLoad(WsClient client, URI uri, int count) {
        connections = new ConnectionSet(client, uri);
        roundTrips = new RoundTrips(count);
        for (int i = 0; i < count; i++) {
            members.add(new Member(roundTrips.recorderFor(i)));
        }
    }

    /** Opens {@code count} connections to {@code uri} (see {@link ConnectionSet#open}); all or nothing. */
    public static EchoLoad open(WsClient client, URI uri, int count) throws IOException, InterruptedException {
        EchoLoad load = new EchoLoad(client, uri, count);
        List<ClientConnection> opened = load.connections.open(load.members);
        for (int i = 0; i < count; i++) {
            load.members.get(i).connection = opened.get(i);
        }
        return load;
    }

    /** A text message of exactly {@code bytes} bytes (ASCII), not a JSON command: the Hub echoes it as is. */
    public static String text(int bytes) {
        StringBuilder s = new StringBuilder(bytes);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < bytes; i++) {
            s.append(alphabet.charAt(i % alphabet.length()));
        }
        return s.toString();
    }

    public int size() {
        return connections.size();
    }

    /** Starts the loop: every connection sends {@code message} and keeps sending it as echoes arrive. */
    public void start(String message) {
        start(List.of(message));
    }

    /**
     * Starts the loop with varying messages: each send, on whichever connection, takes the next of
     * {@code messages} (round robin over all connections), so consecutive messages on one connection differ
     * whenever there are more messages than connections.
     */
    public void start(List<String> messages) {
        if (inFlight.get() != 0) {
            throw new IllegalStateException(inFlight.get() + " echoes of the previous run are still in flight");
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no message to send");
        }
        payloads = List.copyOf(messages);
        sending = true;
        cut();
        for (Member m : members) {
            m.sendNext();
        }
    }

    /** How many of the connections negotiated permessage-deflate. */
    public int compressedConnections() {
        return (int) members.stream().filter(m -> m.connection.compressed()).count();
    }

    /** The round trips completed since the previous cut (or {@link #start}). */
    public EchoWindow cut() {
        return roundTrips.cut();
    }

    /** What {@link #measure} gives: the measured window, how the load was warmed up before it, the samples. */
    public record Measured(EchoWindow window, WarmUp warmUp, long warmUpEchoes, Map<String, ProcessUsage> usage) {
    }

    /**
     * One measured window of the loop {@link #start started} before: warmed up until steady (not recorded), then
     * {@code measure} with {@code sampling} started at its beginning and stopped at its end, stretched by up to
     * {@code maxStretch} until every connection has had two round trips (slow loops, a busy machine). The loop
     * keeps running until {@link #stop}.
     */
    public Measured measure(SteadyState warmUp, Duration measure, Duration maxStretch,
                            Supplier<ResourceSampler> sampling) throws Exception {
        long[] warmUpEchoes = {0};
        WarmUp warm = warmUp.await(() -> {
            EchoWindow w = cut();
            warmUpEchoes[0] += w.messages();
            return w.messagesPerSecond();
        });
        warmUpEchoes[0] += cut().messages();
        ResourceSampler sampler = sampling.get();
        Thread.sleep(measure.toMillis());
        long stretchUntil = System.nanoTime() + maxStretch.toNanos();
        while (echoesSinceCut() < 2L * size() && problem() == null && System.nanoTime() < stretchUntil) {
            Thread.sleep(10);
        }
        EchoWindow window = cut();
        return new Measured(window, warm, warmUpEchoes[0], sampler.stop());
    }

    /** Echoes since the last cut, read without cutting (approximate while echoes arrive). */
    public long echoesSinceCut() {
        return roundTrips.sinceCut();
    }

    /**
     * Stops sending and waits for the echoes still in flight.
     *
     * @throws IOException when some never came back, or a connection closed or an echo came back changed
     */
    public void stop(Duration drain) throws IOException, InterruptedException {
        sending = false;
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline && connections.problem() == null) {
            Thread.sleep(5);
        }
        String problem = problem();
        if (problem != null) {
            throw new IOException(problem);
        }
        if (inFlight.get() > 0) {
            throw new IOException(inFlight.get() + " of " + size() + " echoes did not come back within "
                    + drain.toMillis() + " ms of the end of the run");
        }
    }

    /** What went wrong so far (connections closed under load, echoes that were not the message), or null. */
    public String problem() {
        String closed = connections.problem();
        if (closed != null) {
            return closed;
        }
        if (mismatches.get() > 0) {
            return mismatches.get() + " echoes did not match the message sent";
        }
        return null;
    }

    /** Closes every connection with 1000 and waits briefly for the server's answers. */
    @Override
    public void close() {
        sending = false;
        connections.close();
    }

    /** One connection's side of the loop. */
    private final class Member implements ClientListener {
        private final Recorder recorder;
        private volatile ClientConnection connection;
        private volatile long sentAt;
        private volatile int sentLength;

        Member(Recorder recorder) {
            this.recorder = recorder;
        }

        void sendNext() {
            inFlight.incrementAndGet();
            send(connection);
        }

        private void send(ClientConnection c) {
            List<String> all = payloads;
            String message = all.get((int) Math.floorMod(nextPayload.getAndIncrement(), (long) all.size()));
            sentLength = message.length();
            sentAt = System.nanoTime();
            c.sendText(message);
        }

        @Override
        public void onText(ClientConnection c, String text) {
            roundTrips.record(recorder, System.nanoTime() - sentAt);
            if (text.length() != sentLength) {
                mismatches.incrementAndGet();
            }
            // Count the next message in before this one out, so in-flight never reads 0 while a send is due.
            boolean next = sending;
            if (next) {
                inFlight.incrementAndGet();
            }
            inFlight.decrementAndGet();
            if (next) {
                send(c);
            }
        }
    }
}
