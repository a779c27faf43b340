package io.wsbench.conformance;

import io.wsbench.core.ServerConfig;
import java.time.Duration;

/**
 * The SPEC §3 settings scaled down so the whole suite runs in minutes: ephemeral ports on 127.0.0.1 and
 * sub-second heartbeat and write deadlines where a case is about them. Cases that are not about the heartbeat
 * get a relaxed one, so a busy shared machine cannot turn a slow scheduler into a false dead-peer close.
 */
final class ScaledConfig {
    static final Duration PING_PERIOD = Duration.ofMillis(200);
    static final Duration PONG_WAIT = Duration.ofMillis(600);
    static final Duration WRITE_WAIT = Duration.ofMillis(500);
    static final int READ_LIMIT = 65536;

    /** The upper bound of every "eventually": generous, because the machine is shared and noisy. */
    static final Duration EVENTUALLY = Duration.ofSeconds(20);

    private ScaledConfig() {
    }

    /** For cases that are not about heartbeat or deadlines: pings on, but far from any test's timing. */
    static ServerConfig standard() {
        return ServerConfig.defaults()
                .withPorts(0, 0)
                .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(15))
                .withWriteWait(Duration.ofSeconds(5))
                .withReadLimit(READ_LIMIT);
    }

    /** Ping every 200 ms, close after 600 ms without a frame from the peer. */
    static ServerConfig heartbeat() {
        return standard().withHeartbeat(PING_PERIOD, PONG_WAIT);
    }

    /**
     * For slow consumers: a pong wait far beyond the case, so a client that stopped reading (and so stopped
     * answering pings) can only be closed for being slow, never for looking dead.
     */
    static ServerConfig slowConsumer(Duration writeWait, long maxQueuedBytes) {
        return standard()
                .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(120))
                .withWriteWait(writeWait)
                .withMaxQueuedBytes(maxQueuedBytes);
    }

    static ServerConfig compression(int level) {
        return standard().withCompression(true, level);
    }
}
