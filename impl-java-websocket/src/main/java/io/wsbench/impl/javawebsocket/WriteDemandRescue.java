package io.wsbench.impl.javawebsocket;

import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// workaround: write-demand rescue | defect | no upstream issue
/**
 * Works around a lost-write race in Java-WebSocket 1.6.0's selector loop, which left a frame in a connection's
 * {@code outQueue} for good (the bench's closed-loop echo lost one echo per run).
 *
 * <p>A send from any thread queues the frame and asks for write interest ({@code WebSocketImpl.write} then
 * {@code WebSocketServer.onWriteDemand}: {@code interestOps(OP_READ | OP_WRITE)}). The selector thread, in
 * {@code WebSocketServer.doWrite}, drains the queue ({@code SocketChannelIOHelper.batch}) and then sets
 * {@code interestOps(OP_READ)} unconditionally. A frame queued after batch's last look at the queue, whose write
 * demand lands before that reset, is never written: nothing asks for write interest again until the next send.
 * The closed loop hits it because doWrite does not remove a write-only key from the selected-key set, so the key
 * comes back from the next select still marked writable along with the next message: the selector hands that
 * message to a decoder thread and then runs doWrite while the decoder is already echoing it. No upstream issue
 * names it (searched TooTallNate/Java-WebSocket issues); the lines are WebSocketServer.doWrite and the run loop
 * in 1.6.0.
 *
 * <p>Nothing outside the selector thread can run after that reset, so the fix is after the fact: every
 * connection that sent something is watched until its queue is seen empty, and one whose queue holds data with
 * no write interest gets the library's own {@link WebSocketServer#onWriteDemand} again. That state is the stuck
 * one (a normal pending write keeps OP_WRITE); a rescue of a write that was about to be asked for anyway costs one
 * spurious wake-up. The watch runs every {@link #PERIOD_MICROS} µs while anything is watched and sleeps
 * otherwise, so a rescued frame is late by about that much instead of forever.
 */
final class WriteDemandRescue {
    private static final Logger LOG = LoggerFactory.getLogger(WriteDemandRescue.class);
    static final long PERIOD_MICROS = 1000;

    private final WebSocketServer server;
    private final ScheduledExecutorService timer;
    private final Set<WebSocketImpl> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder rescues = new LongAdder();

    WriteDemandRescue(WebSocketServer server, ScheduledExecutorService timer) {
        this.server = server;
        this.timer = timer;
    }

    /** Called after every send on {@code socket}: watch it until its queue has been written out. */
    void sent(WebSocketImpl socket) {
        watched.add(socket);
        schedule();
    }

    /** How many write demands were found lost and raised again; the transport logs it when it closes. */
    long rescues() {
        return rescues.sum();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::check, PERIOD_MICROS, TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException e) {
                // the transport is closing: nothing left to rescue
            }
        }
    }

    private void check() {
        List<WebSocketImpl> stillWatched = new ArrayList<>();
        for (Iterator<WebSocketImpl> it = watched.iterator(); it.hasNext(); ) {
            WebSocketImpl socket = it.next();
            // Remove first, then look: a send that queued data before this removal is seen by the look below,
            // and one after it adds the socket back itself.
            it.remove();
            if (stillPending(socket)) {
                stillWatched.add(socket);
            }
        }
        watched.addAll(stillWatched);
        scheduled.set(false);
        if (!watched.isEmpty()) {
            schedule();
        }
    }

    /** True while {@code socket} has unsent frames; raises its write demand again when it was lost. */
    private boolean stillPending(WebSocketImpl socket) {
        if (socket.getReadyState() == ReadyState.CLOSED || !socket.hasBufferedData()) {
            return false;
        }
        SelectionKey key = socket.getSelectionKey();
        try {
            if (key != null && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                rescues.increment();
                LOG.debug("write demand lost for {}: raising it again", socket.getRemoteSocketAddress());
                server.onWriteDemand(socket);
            }
        } catch (CancelledKeyException e) {
            return false; // closed meanwhile: the library drops its queue
        }
        return true;
    }
}
// end workaround: write-demand rescue
