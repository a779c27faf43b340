package io.wsbench.conformance;

import java.util.Random;

/** Message bodies the cases send: JSON that looks like real notifications, the same on every run. */
final class Payloads {
    private static final String[] WORDS = {"order", "shipped", "invoice", "paid", "user", "login", "alert",
        "cpu", "disk", "deploy", "finished", "failed", "retry", "queue", "latency", "region", "eu-west", "us-east",
        "warning", "critical", "resolved", "ticket", "assigned", "comment", "build", "release", "canary",
        "rollback", "payment", "refund", "cart", "session", "expired", "quota", "exceeded", "backup", "restored"};

    private Payloads() {
    }

    /**
     * A JSON array of notifications of about {@code bytes} bytes: repetitive keys and vocabulary but random
     * values, so deflate level 9 finds clearly more than level 1 does (the level case depends on that).
     */
    static String notifications(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder(bytes + 256).append('[');
        for (int id = 0; json.length() < bytes; id++) {
            if (id > 0) {
                json.append(',');
            }
            json.append("{\"id\":").append(100000 + random.nextInt(900000))
                    .append(",\"type\":\"").append(word(random)).append('"')
                    .append(",\"title\":\"").append(word(random)).append(' ').append(word(random)).append(' ')
                    .append(word(random)).append('"')
                    .append(",\"value\":").append(random.nextInt(100000))
                    .append(",\"ts\":").append(1_700_000_000_000L + random.nextInt(1_000_000_000))
                    .append(",\"tags\":[\"").append(word(random)).append("\",\"").append(word(random)).append("\"]}");
        }
        return json.append(']').toString();
    }

    /** One notification of exactly {@code bytes} ASCII bytes, numbered so a reader can tell them apart. */
    static String numbered(int seq, int bytes) {
        String head = "{\"seq\":" + seq + ",\"pad\":\"";
        String tail = "\"}";
        return head + "x".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail;
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }
}
