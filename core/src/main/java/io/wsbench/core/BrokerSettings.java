package io.wsbench.core;

import java.net.URI;
import java.util.Objects;

/**
 * Where broadcasts go beyond this replica: {@code BROKER_URL} (a NATS server, e.g. {@code nats://127.0.0.1:4222};
 * unset = no broker, each replica's broadcasts reach only its own clients) and {@code BROKER_SUBJECT}, the
 * subject every replica publishes to and subscribes on. Replicas that should share broadcasts must name the same
 * broker and subject.
 */
public record BrokerSettings(String url, String subject) {
    public static final String DEFAULT_SUBJECT = "wsbench.notifications";

    public BrokerSettings {
        Objects.requireNonNull(subject, "subject");
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null) {
            String scheme = URI.create(url).getScheme();
            if (scheme == null || !scheme.startsWith("nats")) {
                throw new IllegalArgumentException("BROKER_URL must be a nats:// URL: " + url);
            }
        }
        // NATS subjects are dot-separated tokens; whitespace would split the protocol line, wildcards would
        // make a replica subscribe to more than it publishes.
        if (subject.isEmpty() || !subject.matches("[^\\s*>]+") || subject.startsWith(".") || subject.endsWith(".")
                || subject.contains("..")) {
            throw new IllegalArgumentException("BROKER_SUBJECT must be a NATS subject without wildcards: '"
                    + subject + "'");
        }
    }

    /** No broker: broadcasts stay on this replica. */
    public static BrokerSettings none() {
        return new BrokerSettings(null, DEFAULT_SUBJECT);
    }

    public static BrokerSettings nats(String url) {
        return new BrokerSettings(url, DEFAULT_SUBJECT);
    }

    public boolean enabled() {
        return url != null;
    }

    public BrokerSettings withUrl(String v) {
        return new BrokerSettings(v, subject);
    }

    public BrokerSettings withSubject(String v) {
        return new BrokerSettings(url, v);
    }
}
