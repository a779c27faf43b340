package io.wsbench.bench.load;

import io.wsbench.core.client.ClientConnection;
import io.wsbench.core.client.ClientListener;
import io.wsbench.core.client.WsClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * websocket-shootout's broadcast load: N subscribers and one sender on one server. The sender sends the Hub's
 * {@code {"type":"broadcast","payload":"<seq>:<sent>"}} command (SPEC §3.2), the server sends
 * {@code {"type":"broadcast",...}} to every connection and {@code broadcastResult} to the sender; every
 * subscriber records its time to receipt, from the send time the payload carries, into one HdrHistogram
 * {@link Recorder}. {@link #broadcast} waits until every subscriber has the message (and the sender its
 * result) before it returns, so broadcasts never overlap.
 *
 * <p>The load generator runs on one core and every receipt of a broadcast to thousands lands on it at once, so
 * a subscriber only compares a prefix and reads two numbers: no JSON parsing on the receiving side.
 */
public final class BroadcastLoad implements AutoCloseable {
    /** What the Hub sends every client for our command: the payload is a JSON string, so it is echoed as is. */
    static final String RECEIPT_PREFIX = "{\"type\":\"broadcast\",\"payload\":\"";
    private static final String RESULT_PREFIX = "{\"type\":\"broadcastResult\",\"payload\":\"";

    private final ConnectionSet connections;
    private final ClientConnection sender;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<ClientConnection> subscriberConnections = new ArrayList<>();
    private final Map<Long, BroadcastDelivery> deliveries = new ConcurrentHashMap<>();
    private final Recorder receipts = new Recorder(3);
    private final AtomicLong strays = new AtomicLong();
    private final long origin = System.nanoTime();
    private long nextSeq;

    private BroadcastLoad(ConnectionSet connections, ClientConnection sender) {
        this.connections = connections;
        this.sender = sender;
    }

    /** Opens the sender's connection; subscribers come with {@link #growTo}. */
    public static BroadcastLoad open(WsClient client, URI uri) throws IOException, InterruptedException {
        ConnectionSet connections = new ConnectionSet(client, uri);
        Sender inbox = new Sender();
        ClientConnection sender = connections.open(List.of(inbox)).get(0);
        BroadcastLoad load = new BroadcastLoad(connections, sender);
        inbox.load = load;
        return load;
    }

    /** Opens subscribers until there are {@code count}. */
    public void growTo(int count) throws IOException, InterruptedException {
        List<Subscriber> added = new ArrayList<>();
        for (int i = subscribers.size(); i < count; i++) {
            added.add(new Subscriber());
        }
        subscriberConnections.addAll(connections.open(added));
        subscribers.addAll(added);
    }

    /**
     * Closes the newest subscribers until there are {@code count} (the break-point search measures a smaller
     * size after a larger one failed). A broadcast already on its way to them is not counted when it lands.
     */
    public void shrinkTo(int count) {
        int n = subscribers.size();
        if (count >= n) {
            return;
        }
        List<Subscriber> gone = subscribers.subList(count, n);
        gone.forEach(s -> s.gone = true);
        List<ClientConnection> closing = subscriberConnections.subList(count, n);
        connections.close(List.copyOf(closing));
        closing.clear();
        gone.clear();
    }

    public int subscribers() {
        return subscribers.size();
    }

    /**
     * Sends one broadcast and waits until every subscriber has received it and the sender its
     * {@code broadcastResult}, or {@code patience} has passed; the result says which.
     */
    public BroadcastDelivery broadcast(Duration patience) throws InterruptedException {
        long seq = nextSeq++;
        BroadcastDelivery delivery = new BroadcastDelivery(subscribers.size());
        deliveries.put(seq, delivery);
        long sentAt = System.nanoTime();
        delivery.sentAt(sentAt);
        sender.sendText("{\"type\":\"broadcast\",\"payload\":\"" + seq + ":" + (sentAt - origin) + "\"}");
        delivery.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        return delivery;
    }

    /** Every subscriber's time to receipt since the previous cut, in nanoseconds. */
    public Histogram cut() {
        return receipts.getIntervalHistogram();
    }

    /** Connections the server closed, or messages that were not a broadcast we sent (or came twice); else null. */
    public String problem() {
        String closed = connections.problem();
        if (closed != null) {
            return closed;
        }
        return strays.get() > 0 ? strays.get() + " messages were not a broadcast we sent, or came twice" : null;
    }

    @Override
    public void close() {
        connections.close();
    }

    /** The seq and relative send time from {@code <prefix><seq>:<sent>"}}, or null when it is not that. */
    static long[] payload(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            return null;
        }
        long seq = 0;
        long sent = 0;
        int i = prefix.length();
        int n = text.length();
        int digits = 0;
        for (; i < n && text.charAt(i) != ':'; i++, digits++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            seq = seq * 10 + (ch - '0');
        }
        if (digits == 0 || i >= n) {
            return null;
        }
        digits = 0;
        for (i++; i < n && text.charAt(i) != '"'; i++, digits++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            sent = sent * 10 + (ch - '0');
        }
        return digits == 0 || i >= n ? null : new long[] {seq, sent};
    }

    /** Receives broadcasts; each must be one we sent, newer than the last it got. */
    private final class Subscriber implements ClientListener {
        private long lastSeq = -1;
        /** Closed by {@link #shrinkTo}: no longer one of the subscribers a broadcast must reach. */
        volatile boolean gone;

        @Override
        public void onText(ClientConnection c, String text) {
            if (gone) {
                return;
            }
            long now = System.nanoTime();
            long[] p = payload(text, RECEIPT_PREFIX);
            BroadcastDelivery delivery = p == null || p[0] <= lastSeq ? null : deliveries.get(p[0]);
            if (delivery == null) {
                strays.incrementAndGet();
                return;
            }
            lastSeq = p[0];
            receipts.recordValue(now - origin - p[1]);
            delivery.received(now);
        }
    }

    /** The sender's own connection: its broadcastResult completes a delivery; its own copy is ignored. */
    private static final class Sender implements ClientListener {
        volatile BroadcastLoad load;

        @Override
        public void onText(ClientConnection c, String text) {
            long[] p = payload(text, RESULT_PREFIX);
            BroadcastLoad l = load;
            if (p != null && l != null) {
                BroadcastDelivery delivery = l.deliveries.get(p[0]);
                if (delivery != null) {
                    delivery.resultReceived();
                }
            } else if (payload(text, RECEIPT_PREFIX) == null && l != null) {
                l.strays.incrementAndGet();
            }
        }
    }
}
