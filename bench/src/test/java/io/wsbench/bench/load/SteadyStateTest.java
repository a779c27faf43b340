package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.result.WarmUp;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void aLoadThatSettlesIsSteadyOnceThreeWindowsAgree() throws Exception {
        // the first value is what came before the warm-up; then a JIT ramp, then a plateau within 5%
        Iterator<Double> rates = List.of(0.0, 100.0, 300.0, 500.0, 600.0, 610.0, 605.0, 608.0).iterator();
        SteadyState rule = new SteadyState(Duration.ofMillis(1), 3, 0.05, Duration.ofSeconds(30));
        WarmUp warmUp = rule.await(rates::next);
        assertThat(warmUp.steady()).isTrue();
        assertThat(rates.next()).isEqualTo(608.0); // it stopped after 600, 610, 605
    }

    @Test
    void aLoadThatNeverSettlesIsMeasuredAtTheCapAndSaysSo() throws Exception {
        int[] n = {0};
        SteadyState rule = new SteadyState(Duration.ofMillis(1), 3, 0.05, Duration.ofMillis(30));
        WarmUp warmUp = rule.await(() -> n[0]++ % 2 == 0 ? 100.0 : 200.0);
        assertThat(warmUp.steady()).isFalse();
        // not a speed: the warm-up ends on the reading that passed the cap, and reports that same reading
        assertThat(warmUp.seconds()).isGreaterThanOrEqualTo(rule.cap().toNanos() / 1e9);
        assertThat(n[0]).isGreaterThanOrEqualTo(2);
    }

    @Test
    void agreementIsTheSpreadOverTheMean() {
        SteadyState rule = new SteadyState(Duration.ofMillis(1), 3, 0.05, Duration.ofMillis(1));
        assertThat(rule.agree(List.of(100.0, 102.0, 104.0))).isTrue();
        assertThat(rule.agree(List.of(100.0, 103.0, 106.0))).isFalse();
        assertThat(rule.agree(List.of(0.0, 0.0, 0.0))).isFalse();
    }
}
