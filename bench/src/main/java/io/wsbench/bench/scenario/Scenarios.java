package io.wsbench.bench.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every scenario the bench knows, in the order a full run goes through them. */
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

    private Scenarios() {
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }

    public static Optional<Scenario> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The scenarios named in a comma list, in {@link #ALL}'s order; blank means all.
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
        return ALL.stream().filter(s -> wanted.contains(s.name())).toList();
    }
}
