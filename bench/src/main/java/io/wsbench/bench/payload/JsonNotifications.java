package io.wsbench.bench.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic JSON notifications for the compression measurements: the same seed always gives the same sequence,
 * every message differs from the one before (ids, timestamps, amounts, names and items vary), and the structure
 * and keys repeat as a real notification feed's do. A repeated string would compress far better than anything a
 * service sends, and a random one far worse; what deflate gains here is what it gains on a feed of similar
 * objects.
 *
 * <p>A message is an event envelope ({@code id}, {@code type}, {@code ts}, {@code user}) with a list of
 * {@code items} grown until the next item would pass the target size, so {@link #next} lands a little under
 * the target (never over it by more than the envelope when the target is below one envelope).
 */
public final class JsonNotifications {

    /** The three sizes the compression scenario and the JMH benchmarks use. */
    public static final List<Integer> SIZES = List.of(200, 2 * 1024, 20 * 1024);

    private static final String[] TYPES = {"order.created", "order.shipped", "order.delivered", "payment.failed",
        "message.received", "price.changed", "stock.low", "review.posted"};
    private static final String[] NAMES = {"Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Greta", "Hiro",
        "Ines", "Jonas", "Kira", "Luca", "Maya", "Nikolai", "Olga", "Pavel"};
    private static final String[] PRODUCTS = {"wireless headphones", "running shoes", "coffee grinder",
        "mechanical keyboard", "yoga mat", "desk lamp", "backpack", "water bottle", "phone case", "e-reader",
        "kettle", "monitor arm", "sleeping bag", "board game", "camera strap", "plant pot"};
    private static final String[] CITIES = {"Berlin", "Lisbon", "Warsaw", "Osaka", "Toronto", "Nairobi",
        "Lyon", "Tbilisi", "Austin", "Porto", "Riga", "Busan"};
    private static final String[] STATUSES = {"pending", "packed", "in_transit", "delivered", "returned"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random;
    private long clock = 1_764_000_000_000L;

    public JsonNotifications(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next notification, UTF-8 length just under {@code targetBytes} (at least one envelope). */
    public String next(int targetBytes) {
        if (targetBytes <= 0) {
            throw new IllegalArgumentException("targetBytes must be positive: " + targetBytes);
        }
        Map<String, Object> message = envelope();
        List<Map<String, Object>> items = new ArrayList<>();
        message.put("items", items);
        String json = write(message);
        while (true) {
            items.add(item());
            String bigger = write(message);
            if (bigger.length() > targetBytes) {
                return json;
            }
            json = bigger;
        }
    }

    /** {@code count} notifications of about {@code targetBytes} each, the sequence {@link #next} gives. */
    public List<String> batch(int count, int targetBytes) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next(targetBytes));
        }
        return out;
    }

    private Map<String, Object> envelope() {
        clock += 1 + random.nextInt(5_000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", uuid());
        m.put("type", pick(TYPES));
        m.put("ts", clock);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", 100_000 + random.nextInt(900_000));
        user.put("name", pick(NAMES));
        user.put("city", pick(CITIES));
        m.put("user", user);
        m.put("unread", random.nextInt(50));
        return m;
    }

    private Map<String, Object> item() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sku", "SKU-" + (10_000 + random.nextInt(90_000)));
        m.put("title", pick(PRODUCTS));
        m.put("qty", 1 + random.nextInt(5));
        m.put("price", random.nextInt(100, 50_000) / 100.0);
        m.put("status", pick(STATUSES));
        m.put("trackingId", uuid());
        return m;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String write(Map<String, Object> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }
}
