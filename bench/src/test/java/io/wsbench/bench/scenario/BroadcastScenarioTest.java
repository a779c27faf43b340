package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.machine.OpenFileLimit;
import io.wsbench.bench.result.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastScenarioTest {

    @Test
    void quickStepsDoubleFrom4000UpToTheOpenFileLimit() {
        List<Integer> quick = BroadcastScenario.steps(Profile.QUICK);
        assertThat(quick).startsWith(4000).isSorted().doesNotHaveDuplicates();
        assertThat((long) quick.get(quick.size() - 1)).isLessThan(OpenFileLimit.current().connectionsPerProcess());
    }

    @Test
    void fullClimbsInOrderAndStaysWithinTheOpenFileLimit() {
        List<Integer> full = BroadcastScenario.steps(Profile.FULL);
        assertThat(full).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat((long) full.get(full.size() - 1)).isLessThan(OpenFileLimit.current().connectionsPerProcess());
    }

    @Test
    void everyStepIsARowAndTheMostHeldComesLast() {
        List<Variant> variants = new BroadcastScenario().variants(Profile.SMOKE);
        assertThat(variants).extracting(v -> v.get("subscribers")).containsExactly("50", "200", "most at p95 ≤ 250 ms");
    }
}
