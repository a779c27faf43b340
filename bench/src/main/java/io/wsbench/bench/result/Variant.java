package io.wsbench.bench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration a scenario measures every impl in, as named dimensions in a fixed order:
 * {@code route=direct, size=64 B}. Tables and charts group rows by these dimensions.
 */
public record Variant(Map<String, String> dimensions) {

    public Variant {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    /** {@code Variant.of("route", "direct", "size", "64 B")}. */
    public static Variant of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            d.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Variant(d);
    }

    public String get(String dimension) {
        return dimensions.get(dimension);
    }

    /** {@code "direct, 64 B"}. */
    public String label() {
        return dimensions.isEmpty() ? "-" : String.join(", ", dimensions.values());
    }
}
