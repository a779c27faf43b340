package io.wsbench.core;

import java.nio.charset.StandardCharsets;

/** RFC 6455 §7.4.1 close codes the servers use or the tests expect. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int NO_STATUS = 1005;
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    /** A close frame is a control frame of at most 125 bytes (RFC 6455 §5.5): the code and 123 bytes of reason. */
    public static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /** {@code reason} cut to {@link #MAX_REASON_BYTES} of UTF-8, never inside a character; null reads as "". */
    public static String fitReason(String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            int end = r.length() - 1;
            r = r.substring(0, end > 0 && Character.isHighSurrogate(r.charAt(end - 1)) ? end - 1 : end);
        }
        return r;
    }
}
