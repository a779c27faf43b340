package io.wsbench.bench.result;

/** What a row holds: numbers, or the reason there are none. */
public enum Status {
    OK,
    /** The impl failed verification or the measurement; the row carries the reason, never a number. */
    FAILED,
    /** The impl declares it cannot do this (a library limitation), see TransportProvider.unsupported(). */
    NOT_SUPPORTED
}
