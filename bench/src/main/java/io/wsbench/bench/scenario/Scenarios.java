package io.wsbench.bench.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every scenario the bench knows: {@link #ALL}, in the order a default run goes through them, and {@link #OPT_IN},
 * run only when named in {@code -Dbench.scenarios} (too long or too heavy for a default run).
 */
public final class Scenarios {
    public static final List<Scenario> ALL = List.of(
            new EchoScenario(),
            new LatencyScenario(),
            new BroadcastScenario(),
            new CapacityScenario(),
            new ConnectRateScenario(),
            new ClientsScenario(),
            new CompressionScenario(),
            new DeflateJmhScenario(),
            new MessageSizeScenario(),
            new TimeoutsScenario());

    /** Selected by name only: a default run (no {@code -Dbench.scenarios}) leaves them out. */
    public static final List<Scenario> OPT_IN = List.of(new ScaleScenario());

    private Scenarios() {
    }

    public static List<String> names() {
        return known().stream().map(Scenario::name).toList();
    }

    public static Optional<Scenario> find(String name) {
        return known().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** {@link #ALL}, then {@link #OPT_IN}. */
    public static List<Scenario> known() {
        List<Scenario> all = new ArrayList<>(ALL);
        all.addAll(OPT_IN);
        return all;
    }

    /**
     * The scenarios named in a comma list, in {@link #known()}'s order; blank means {@link #ALL} (not the opt-in
     * ones).
     *
     * @throws IllegalArgumentException naming the known scenarios when a name is unknown
     */
    public static List<Scenario> select(String commaList) {
        List<String> wanted = Arrays.stream(commaList == null ? new String[0] : commaList.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (wanted.isEmpty()) {
            return ALL;
        }
        List<String> unknown = wanted.stream().filter(n -> find(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario(s) " + unknown + "; known scenarios: "
                    + String.join(", ", names()));
        }
        return known().stream().filter(s -> wanted.contains(s.name())).toList();
    }
}
