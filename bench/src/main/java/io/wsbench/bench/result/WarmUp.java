package io.wsbench.bench.result;

/**
 * How a window's load was warmed up: until successive short windows agreed ({@code steady}), or until the cap.
 *
 * @param seconds how long it took
 * @param steady  whether the last {@code windows} short windows agreed within the tolerance before the cap
 */
public record WarmUp(double seconds, boolean steady) {
}
