package io.wsbench.bench.result;

/** What a row holds: numbers, or the reason there are none. */
public enum Status {
    OK,
    /** The impl failed verification or the measurement; the row carries the reason, never a number. */
    FAILED,
    /** The impl declares it cannot do this (a library limitation), see TransportProvider.unsupported(). */
    NOT_SUPPORTED,
    /**
     * The run chose not to measure it, and nothing failed: a broadcast step past the break point that an
     * impl's repetition never reached. The row carries the reason, never a number.
     */
    NOT_MEASURED,
    /**
     * The scenario does not apply to this stack, and nothing failed: a JMH benchmark of a library's JVM code for a
     * reference server (Go, Node.js). The row carries the reason, never a number.
     */
    NOT_APPLICABLE
}
