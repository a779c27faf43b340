package io.wsbench.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how often: {@code smoke} (seconds per impl, proves the bench path works; its numbers mean
 * nothing), {@code quick} (the default: minutes for every impl on a laptop) and {@code full}. Scenarios take
 * their own sizes from it with {@link #pick}, e.g. {@code profile.pick(4, 64, 256)} connections.
 *
 * @param warmUp      load before each measured window, not recorded
 * @param measure     the measured window
 * @param repetitions how many times each figure is measured (each in a fresh server JVM); tables show the median
 *                    with min and max, so at least 3
 */
public record Profile(String name, Duration warmUp, Duration measure, int repetitions) {

    public static final Profile SMOKE = new Profile("smoke", Duration.ofMillis(100), Duration.ofMillis(300), 3);
    public static final Profile QUICK = new Profile("quick", Duration.ofMillis(300), Duration.ofMillis(1000), 3);
    public static final Profile FULL = new Profile("full", Duration.ofSeconds(3), Duration.ofSeconds(10), 5);

    public Profile {
        if (repetitions < 3) {
            throw new IllegalArgumentException("a median with a spread needs at least 3 repetitions: " + repetitions);
        }
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
}
