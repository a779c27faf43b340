package io.wsbench.core;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.LongSupplier;

/**
 * {@code MAX_QUEUED_BYTES} and the slow-consumer close (SPEC §3.5) for the stacks whose outgoing queue has no
 * byte bound of its own (Jetty, Undertow, Java-WebSocket; Netty has {@code WriteBufferWaterMark}). The adapter
 * counts what it hands to its library and what the library reports written; a connection whose unsent bytes
 * pass the limit, or that the adapter finds stuck past {@code WRITE_WAIT}, is closed once: the hub counts it,
 * then the adapter's {@link Abort} drops the TCP connection.
 *
 * <p>Two ways to count. {@link #exact}: {@link #add} before the send and {@link #remove} from the library's
 * send callback. {@link #estimated}, for a library with no send callback (Java-WebSocket): {@link #add} after
 * the send, never {@link #remove}; when the estimate passes the limit, the library's queue is summed and the
 * sum replaces it.
 */
public final class QueuedBytes {

    /** How the adapter drops a connection whose peer does not read. Called at most once, from any thread. */
    public interface Abort {
        /**
         * Aborts the TCP connection without a closing handshake: a close frame would queue behind the data the
         * peer is not reading. {@code why} is for the adapter's log line.
         */
        void abort(String why);
    }

    // field updaters, not Atomic* objects: memory per connection is one of the measured figures
    private static final AtomicLongFieldUpdater<QueuedBytes> QUEUED =
            AtomicLongFieldUpdater.newUpdater(QueuedBytes.class, "queued");
    private static final AtomicIntegerFieldUpdater<QueuedBytes> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(QueuedBytes.class, "closed");

    private final long limit;
    private final LongSupplier recount; // null: the count is exact
    private final Hub hub;
    private final Connection connection;
    private final Abort abort;
    private volatile long queued;
    private volatile int closed;

    private QueuedBytes(long limit, LongSupplier recount, Hub hub, Connection connection, Abort abort) {
        this.limit = limit;
        this.recount = recount;
        this.hub = hub;
        this.connection = connection;
        this.abort = abort;
    }

    /** Counted exactly: every {@link #add} has its {@link #remove} when the library is done with the send. */
    public static QueuedBytes exact(long maxQueuedBytes, Hub hub, Connection connection, Abort abort) {
        return new QueuedBytes(maxQueuedBytes, null, hub, connection, abort);
    }

    /**
     * Counted as an upper estimate, corrected by {@code unsentBytes} (the library's queue, summed) whenever the
     * estimate passes the limit. Summing a queue is too costly per send, hence the estimate.
     */
    public static QueuedBytes estimated(long maxQueuedBytes, LongSupplier unsentBytes, Hub hub,
            Connection connection, Abort abort) {
        return new QueuedBytes(maxQueuedBytes, unsentBytes, hub, connection, abort);
    }

    /**
     * {@code bytes} more are queued. Returns false, and closes the slow consumer, when that passes the limit;
     * an exact count then leaves them uncounted (the caller drops the send).
     */
    public boolean add(long bytes) {
        long now = QUEUED.addAndGet(this, bytes);
        if (now <= limit) {
            return true;
        }
        if (recount == null) {
            QUEUED.addAndGet(this, -bytes);
        } else {
            long unsent = recount.getAsLong();
            // a concurrent add since then keeps the higher count: the estimate stays an upper bound
            QUEUED.compareAndSet(this, now, unsent);
            if (unsent <= limit) {
                return true;
            }
        }
        closeSlowConsumer("more than " + limit + " bytes unsent (MAX_QUEUED_BYTES)");
        return false;
    }

    /** The library wrote (or gave up on) {@code bytes} of an earlier {@link #add}. */
    public void remove(long bytes) {
        QUEUED.addAndGet(this, -bytes);
    }

    public long queued() {
        return queued;
    }

    /** Counts the slow consumer in the hub and aborts the connection, the first time only. */
    public void closeSlowConsumer(String why) {
        if (CLOSED.compareAndSet(this, 0, 1)) {
            hub.slowConsumerClosed(connection);
            abort.abort(why);
        }
    }
}
