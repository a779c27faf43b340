package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import org.junit.jupiter.api.Test;

class ScaleScenarioTest {

    @Test
    void isOptInAndSelectableByName() {
        assertThat(Scenarios.select("")).noneMatch(s -> s.name().equals("scale"));
        assertThat(Scenarios.select("scale")).singleElement().isInstanceOf(ScaleScenario.class);
        assertThat(Scenarios.select("echo,scale")).extracting(Scenario::name).containsExactly("echo", "scale");
        assertThat(Scenarios.names()).contains("scale");
    }

    @Test
    void quickAndFullClimbToAHundredThousandInBothSetups() {
        for (Profile p : new Profile[] {Profile.QUICK, Profile.FULL}) {
            assertThat(ScaleScenario.counts(p)).containsExactly(10_000, 50_000, 100_000);
            assertThat(new ScaleScenario().variants(p)).hasSize(6)
                    .extracting(v -> v.get("setup") + " " + v.get("connections"))
                    .contains("replicas + broker 100000", "one replica 10000");
        }
    }

    @Test
    void quickTakesFewerRepetitionsThanTheProfileAndSaysSo() {
        ScaleScenario scale = new ScaleScenario();

        assertThat(scale.repetitions(Profile.QUICK)).isEqualTo(2).isLessThan(Profile.QUICK.repetitions());
        assertThat(scale.repetitions(Profile.FULL)).isEqualTo(Profile.FULL.repetitions());
        assertThat(scale.method(Profile.QUICK)).contains("2 repetitions (fewer than the profile's 3",
                "only netty and undertow");
    }
}
