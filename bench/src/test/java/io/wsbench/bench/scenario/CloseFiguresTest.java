package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloseFiguresTest {

    @Test
    void closeTimesAreRatiosToTheLimitWithTheStillOpenShare() {
        List<Long> nanos = List.of(1_200_000_000L, 1_000_000_000L, 1_100_000_000L);
        Map<String, Double> v = CloseFigures.of(nanos, 4, Duration.ofSeconds(1));
        assertThat(v.get(TimeoutsScenario.CLOSE_P50.key())).isCloseTo(1.1, within(1e-9));
        assertThat(v.get(TimeoutsScenario.CLOSE_MAX.key())).isCloseTo(1.2, within(1e-9));
        assertThat(v.get(TimeoutsScenario.CLOSE_P50_MS.key())).isCloseTo(1100, within(1e-9));
        assertThat(v.get(TimeoutsScenario.NOT_CLOSED.key())).isEqualTo(25.0);
    }

    @Test
    void noneClosedIsAFigureNotAFailure() {
        Map<String, Double> v = CloseFigures.of(List.of(), 10, Duration.ofSeconds(1));
        assertThat(v).containsOnlyKeys(TimeoutsScenario.NOT_CLOSED.key());
        assertThat(v.get(TimeoutsScenario.NOT_CLOSED.key())).isEqualTo(100.0);
    }

    @Test
    void mostCommonCodeBreaksTiesTowardsTheLowerCode() {
        assertThat(CloseFigures.mostCommon(List.of(1006, 1001, 1006, 1001), c -> c)).isEqualTo(1001);
        assertThat(CloseFigures.mostCommon(List.of(1006, 1001, 1006), c -> c)).isEqualTo(1006);
    }
}
