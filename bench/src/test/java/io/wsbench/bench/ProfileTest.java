package io.wsbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void everyProfileRepeatsAtLeastThreeTimes() {
        Profile.all().forEach(p -> assertThat(p.repetitions()).isGreaterThanOrEqualTo(3));
        assertThatThrownBy(() -> new Profile("x", Duration.ZERO, Duration.ZERO, 2, 3))
                .hasMessageContaining("at least 3");
        Profile.all().forEach(p -> assertThat(p.maxRepetitions()).isGreaterThanOrEqualTo(p.repetitions()));
    }

    @Test
    void anUnknownProfileNamesTheKnownOnes() {
        assertThatThrownBy(() -> Profile.named("fast")).hasMessageContaining("smoke, quick, full");
    }

    @Test
    void pickChoosesTheValueForTheProfile() {
        assertThat(Profile.SMOKE.pick(1, 2, 3)).isEqualTo(1);
        assertThat(Profile.QUICK.pick(1, 2, 3)).isEqualTo(2);
        assertThat(Profile.FULL.pick(1, 2, 3)).isEqualTo(3);
    }
}
