package io.wsbench.core;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Server pings every {@code PING_PERIOD} and a close after {@code PONG_WAIT} without any frame from the peer
 * (SPEC §3.4), for the stacks that have no such mechanism of their own (Jetty, Undertow; Java-WebSocket's
 * built-in one counts whole seconds and ties the pong wait to 1.5× the ping period, see its adapter). Netty
 * does not use this: its pipeline has {@code IdleStateHandler}.
 *
 * <p>The adapter calls {@link Watch#alive()} on every inbound frame (data or pong), the gorilla/websocket rule
 * from the design notes: a read extends the deadline.
 */
public final class Heartbeat implements AutoCloseable {

    /** What the heartbeat needs from a connection; both calls must be non-blocking. */
    public interface Peer {
        void ping();

        /** No frame for PONG_WAIT: close the connection. */
        void closeDead();
    }

    private final long pingNanos;
    private final long pongWaitNanos;
    private final ScheduledThreadPoolExecutor timer;

    public Heartbeat(Duration pingPeriod, Duration pongWait) {
        this.pingNanos = pingPeriod.toNanos();
        this.pongWaitNanos = pongWait.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wsbench-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    public static Heartbeat of(ServerConfig config) {
        return new Heartbeat(config.pingPeriod(), config.pongWait());
    }

    /** Starts pinging and watching one connection; call {@link Watch#stop()} when it closes. */
    public Watch watch(Peer peer) {
        Watch w = new Watch(peer);
        w.start();
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    public final class Watch {
        private final Peer peer;
        private volatile long lastSeen = System.nanoTime();
        /** When the first ping after the peer's last frame went out (older than lastSeen: none yet). */
        private volatile long firstUnansweredPing = lastSeen;
        private volatile boolean stopped;
        private ScheduledFuture<?> pings;
        private ScheduledFuture<?> deadline;

        private Watch(Peer peer) {
            this.peer = peer;
        }

        /** Any frame arrived from the peer. */
        public void alive() {
            lastSeen = System.nanoTime();
        }

        public synchronized void stop() {
            stopped = true;
            if (pings != null) {
                pings.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
        }

        private synchronized void start() {
            if (pingNanos > 0) {
                pings = timer.scheduleAtFixedRate(this::ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
            }
            deadline = timer.schedule(this::checkDeadline, pongWaitNanos, TimeUnit.NANOSECONDS);
        }

        private void ping() {
            if (!stopped) {
                peer.ping();
                long now = System.nanoTime();
                if (firstUnansweredPing - lastSeen <= 0) {
                    firstUnansweredPing = now;
                }
            }
        }

        /**
         * One pending check per connection, re-armed for exactly when the deadline would pass. A peer is only
         * dead if it also had a fair chance to answer: the first ping after its last frame went out at least
         * {@code PONG_WAIT - PING_PERIOD} ago. Otherwise a stalled timer thread (a loaded machine) that sent
         * its pings late would blame the peer.
         */
        private synchronized void checkDeadline() {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            long seen = lastSeen;
            long left = seen + pongWaitNanos - now;
            if (left <= 0 && pingNanos > 0) {
                long ping = firstUnansweredPing;
                long answerTime = Math.max(pongWaitNanos - pingNanos, 0);
                left = ping - seen > 0 ? ping + answerTime - now : pingNanos;
            }
            if (left <= 0) {
                stop();
                peer.closeDead();
            } else {
                deadline = timer.schedule(this::checkDeadline, left, TimeUnit.NANOSECONDS);
            }
        }
    }
}
