package io.wsbench.core;

/**
 * What became of one notification (a broadcast command or {@code POST /notify}): how many of this replica's
 * clients it was handed to, and whether it went to the broker for the other replicas.
 */
public record Delivery(int delivered, Publication publication) {

    public enum Publication {
        /** No broker is set: this replica's clients are all there is. */
        LOCAL_ONLY,
        /** Published once on the broker's subject; every other replica delivers it to its own clients. */
        PUBLISHED,
        /** A broker is set but was down: only this replica's clients got it (counted in /metrics). */
        NOT_PUBLISHED
    }

    /**
     * The JSON members that report it: {@code "delivered":N}, plus {@code "published":true|false} when a broker
     * is set (without one the answer stays what SPEC §3 shows).
     */
    public String jsonMembers() {
        return switch (publication) {
            case LOCAL_ONLY -> "\"delivered\":" + delivered;
            case PUBLISHED -> "\"delivered\":" + delivered + ",\"published\":true";
            case NOT_PUBLISHED -> "\"delivered\":" + delivered + ",\"published\":false";
        };
    }
}
