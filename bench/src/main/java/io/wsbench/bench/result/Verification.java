package io.wsbench.bench.result;

import java.util.List;

/**
 * Verify-before-measure for one impl: the checks run through the real server (and nginx) before any number is
 * taken. An impl that fails gets a failed row with {@code reason} in every scenario.
 */
public record Verification(String impl, boolean passed, String reason, List<String> checks) {

    public Verification {
        checks = List.copyOf(checks);
        reason = reason == null ? "" : reason;
    }
}
