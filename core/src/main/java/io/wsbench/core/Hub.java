package io.wsbench.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one application logic of wsbench (SPEC §3.2, the websocket-shootout protocol). Every impl hands its
 * connection events here; nothing else in the project decides what happens to a message.
 *
 * <ul>
 *   <li>{@code {"type":"echo","payload":P}} → the same text back to the sender;</li>
 *   <li>{@code {"type":"broadcast","payload":P}} → {@code {"type":"broadcast","payload":P}} to every client,
 *       then {@code {"type":"broadcastResult","payload":P}} to the sender;</li>
 *   <li>{@code {"type":"whoami"}} → {@code {"type":"whoami","payload":{"replica":R}}} to the sender, R being
 *       {@link ReplicaId#current()}: how a client behind nginx learns which replica holds its connection
 *       (the containerized suite counts connections per replica with it);</li>
 *   <li>any other text → echoed unchanged; binary → echoed as binary.</li>
 * </ul>
 *
 * <p>With a broker ({@link BrokerFanOut}) a broadcast and {@code POST /notify} also reach the other replicas'
 * clients, and broadcastResult says so: {@code {"type":"broadcastResult","payload":P,"delivered":N,"published":true}}.
 */
public final class Hub {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ServerMetrics metrics;
    /** Null: no broker, broadcasts stay on this replica. */
    private volatile BrokerFanOut broker;

    public Hub(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** The broker notifications are published through, or null. */
    public BrokerFanOut broker() {
        return broker;
    }

    void publishThrough(BrokerFanOut v) {
        broker = v;
    }

    public void opened(Connection connection) {
        connections.add(connection);
        metrics.opened();
    }

    /**
     * The connection is gone. {@code code} is the close code that ended it (sent or received), or 1006 when
     * the TCP connection ended without a close frame. Safe to call more than once.
     */
    public void closed(Connection connection, int code) {
        if (connections.remove(connection)) {
            metrics.closed(code);
        }
    }

    /** The impl closed this connection because it could not keep up (WRITE_WAIT or MAX_QUEUED_BYTES). */
    public void slowConsumerClosed(Connection connection) {
        metrics.slowConsumerClosed();
    }

    public int connectionCount() {
        return connections.size();
    }

    public void onText(Connection from, String text) {
        metrics.received(Utf8.length(text));
        JsonNode command = command(text);
        String type = command == null ? null : command.get("type").asText();
        if ("broadcast".equals(type)) {
            JsonNode payload = command.get("payload");
            Delivery delivery = notify(envelope("broadcast", payload));
            send(from, broadcastResult(payload, delivery));
        } else if ("whoami".equals(type)) {
            ObjectNode payload = JSON.createObjectNode().put("replica", ReplicaId.current());
            send(from, envelope("whoami", payload));
        } else {
            // "echo" and everything that is not a command: the text goes back unchanged
            send(from, text);
        }
    }

    public void onBinary(Connection from, ByteBuffer data) {
        int size = data.remaining();
        metrics.received(size);
        from.sendBinary(data);
        metrics.sent(size);
    }

    /**
     * A notification for every client of every replica: published through the broker when there is one, and
     * sent to this replica's clients.
     */
    public Delivery notify(String text) {
        BrokerFanOut b = broker;
        Delivery.Publication publication = b == null ? Delivery.Publication.LOCAL_ONLY : b.publish(text);
        return new Delivery(broadcast(text), publication);
    }

    /** Sends {@code text} to every client connected to this replica; returns how many it was handed to. */
    public int broadcast(String text) {
        long size = Utf8.length(text);
        int count = 0;
        for (Connection c : connections) {
            c.sendText(text);
            count++;
        }
        metrics.sent(count, size * count);
        return count;
    }

    /** Starts the closing handshake on every connection (server shutdown: 1001). */
    public void closeAll(int code, String reason) {
        for (Connection c : connections) {
            c.close(code, reason);
        }
    }

    private void send(Connection to, String text) {
        to.sendText(text);
        metrics.sent(Utf8.length(text));
    }

    /** The parsed message when it is a JSON object with a textual "type", else null (and it is echoed). */
    private static JsonNode command(String text) {
        if (text.isEmpty() || text.charAt(0) != '{' || !text.contains("\"type\"")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.path("type").isTextual() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String envelope(String type, JsonNode payload) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", type);
        out.set("payload", payload);
        return write(out);
    }

    /** SPEC §3's broadcastResult, plus what was delivered here and published when a broker is set. */
    private static String broadcastResult(JsonNode payload, Delivery delivery) {
        if (delivery.publication() == Delivery.Publication.LOCAL_ONLY) {
            return envelope("broadcastResult", payload);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "broadcastResult");
        out.set("payload", payload);
        out.put("delivered", delivery.delivered());
        out.put("published", delivery.publication() == Delivery.Publication.PUBLISHED);
        return write(out);
    }

    private static String write(ObjectNode out) {
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree must serialize", e);
        }
    }
}
