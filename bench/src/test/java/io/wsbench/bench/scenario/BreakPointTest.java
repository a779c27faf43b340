package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakPointTest {
    private static final List<Integer> LADDER = List.of(1000, 2000, 4000, 8000, 16000);

    @Test
    void bisectsBetweenTheLastPassAndTheFirstFailToWithinTenPercent() throws Exception {
        List<Integer> measured = new ArrayList<>();
        BreakPoint b = BreakPoint.find(LADDER, 0.1, 100, n -> {
            measured.add(n);
            return n <= 10_700;
        });
        assertThat(b.held()).isEqualTo(10_000);
        assertThat(b.failed()).isEqualTo(11_000);
        assertThat(b.failed() - b.held()).isLessThanOrEqualTo((int) (0.1 * b.held()));
        assertThat(measured).containsExactly(1000, 2000, 4000, 8000, 16000, 12000, 10000, 11000);
        assertThat(b.probes()).isEqualTo(measured.size());
    }

    @Test
    void aLadderThatNeverFailsGivesALowerBound() throws Exception {
        BreakPoint b = BreakPoint.find(LADDER, 0.1, 100, n -> true);
        assertThat(b.ladderRanOut()).isTrue();
        assertThat(b.held()).isEqualTo(16000);
    }

    @Test
    void aFirstStepThatFailsIsHalvedUntilOneHoldsThenBisected() throws Exception {
        List<Integer> measured = new ArrayList<>();
        BreakPoint b = BreakPoint.find(LADDER, 0.1, 100, n -> {
            measured.add(n);
            return n <= 700;
        });
        assertThat(measured).containsExactly(1000, 500, 800, 700);
        assertThat(b).isEqualTo(new BreakPoint(700, 800, 4));
    }

    @Test
    void nothingHoldsDownToTheGrain() throws Exception {
        BreakPoint b = BreakPoint.find(LADDER, 0.1, 100, n -> false);
        assertThat(b).isEqualTo(new BreakPoint(0, 100, 4));
    }

    @Test
    void stopsWhenTheGrainIsCoarserThanWhatIsLeft() throws Exception {
        BreakPoint b = BreakPoint.find(List.of(10, 20), 0.01, 10, n -> n <= 10);
        assertThat(b).isEqualTo(new BreakPoint(10, 20, 2));
    }
}
