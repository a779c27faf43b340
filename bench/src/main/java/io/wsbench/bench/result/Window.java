package io.wsbench.bench.result;

/**
 * When a measured window ran: its place in the run's sequence of windows (every scenario, impl and variant), the
 * seconds since the run started, and the warm-up that came before it. Lets a reader of results.json check that
 * the impls were interleaved and see whether a drift of the machine lines up with one impl.
 *
 * @param order     0, 1, 2, … over the whole run
 * @param atSeconds since the run started
 * @param warmUp    the steady-state warm-up of this window, or null where the scenario warms up otherwise
 */
public record Window(int order, double atSeconds, WarmUp warmUp) {
}
