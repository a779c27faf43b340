package io.wsbench.core.client;

/**
 * Bytes a client's sockets have read and written so far (TCP payload: HTTP upgrade, frame headers and deflated
 * payloads; no TCP/IP headers). Counters only grow: the traffic of a window is {@link #minus} of two readings.
 */
public record WireBytes(long read, long written) {

    /** What was read and written between {@code earlier} and this reading. */
    public WireBytes minus(WireBytes earlier) {
        return new WireBytes(read - earlier.read, written - earlier.written);
    }
}
