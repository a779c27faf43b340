package io.wsbench.bench;

import io.wsbench.bench.load.SteadyState;
import java.time.Duration;
import java.util.List;

/**
 * How long and how often: {@code smoke} (seconds per impl, proves the bench path works; its numbers mean
 * nothing), {@code quick} (the default: minutes for every impl on a laptop) and {@code full}. Scenarios take
 * their own sizes from it with {@link #pick}, e.g. {@code profile.pick(4, 64, 256)} connections.
 *
 * @param warmUp         the cap of the steady-state warm-up before each measured window ({@link #steadyState()})
 * @param measure        the measured window
 * @param repetitions    the repetitions every figure gets (each in a fresh server JVM, the impls interleaved);
 *                       tables show the median with its 95% interval, so at least 3
 * @param maxRepetitions up to this many where a headline interval is still {@link io.wsbench.bench.result.Summary#wide() wide}
 */
public record Profile(String name, Duration warmUp, Duration measure, int repetitions, int maxRepetitions) {

    public static final Profile SMOKE = new Profile("smoke", Duration.ofMillis(300), Duration.ofMillis(300), 3, 3);
    public static final Profile QUICK = new Profile("quick", Duration.ofMillis(1500), Duration.ofMillis(1000), 3, 3);
    public static final Profile FULL = new Profile("full", Duration.ofSeconds(10), Duration.ofSeconds(10), 5, 12);

    public Profile {
        if (repetitions < 3) {
            throw new IllegalArgumentException("a median with a spread needs at least 3 repetitions: " + repetitions);
        }
        if (maxRepetitions < repetitions) {
            throw new IllegalArgumentException("maxRepetitions " + maxRepetitions + " < repetitions " + repetitions);
        }
    }

    /**
     * This profile with at most {@code max} repetitions per figure (a time budget, e.g. one scenario of the full
     * profile in minutes): fewer repetitions give wider intervals, and the run's header states the count.
     *
     * @throws IllegalArgumentException below 3, the fewest that give a median with a spread
     */
    public Profile cappedAt(int max) {
        return new Profile(name, warmUp, measure, Math.min(repetitions, max), max);
    }

    public static List<Profile> all() {
        return List.of(SMOKE, QUICK, FULL);
    }

    /** @throws IllegalArgumentException naming the known profiles */
    public static Profile named(String name) {
        return all().stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name
                        + "'; known profiles: smoke, quick, full"));
    }

    /** The value for this profile. */
    public <T> T pick(T smoke, T quick, T full) {
        return switch (name) {
            case "smoke" -> smoke;
            case "quick" -> quick;
            default -> full;
        };
    }

    /** Warm up until 3 successive short windows agree within 5%, or until {@link #warmUp()}. */
    public SteadyState steadyState() {
        return new SteadyState(pick(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500)), 3, 0.05,
                warmUp);
    }
}
