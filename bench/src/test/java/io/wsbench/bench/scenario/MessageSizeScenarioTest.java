package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSizeScenarioTest {

    @Test
    void oneByteOverARoundSizeIsLabelledSo() {
        assertThat(MessageSizeScenario.sizeLabel(65536)).isEqualTo("64 KiB");
        assertThat(MessageSizeScenario.sizeLabel(65537)).isEqualTo("64 KiB + 1 B");
        assertThat(MessageSizeScenario.sizeLabel(50 * 1024 * 1024)).isEqualTo("50 MiB");
        assertThat(MessageSizeScenario.sizeLabel(100)).isEqualTo("100 B");
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddleNotAnAverage() {
        assertThat(MessageSizeScenario.medianNanos(List.of(30L, 10L, 20L))).isEqualTo(20);
        assertThat(MessageSizeScenario.medianNanos(List.of(40L, 10L))).isEqualTo(10);
    }

    @Test
    void everyRouteAndFrameTypeHasTheLimitProbesAndEverySize() {
        MessageSizeScenario s = new MessageSizeScenario();
        // 2 routes x 2 types x (limit, limit + 1) + 2 routes x 2 types x sizes
        assertThat(s.variants(Profile.QUICK)).hasSize(8 + 4 * 2).doesNotHaveDuplicates();
        assertThat(s.variants(Profile.FULL)).hasSize(8 + 4 * 3).doesNotHaveDuplicates();
        assertThat(s.variants(Profile.SMOKE)).hasSize(8 + 4 * 2)
                .contains(MessageSizeScenario.variant(MessageSizeScenario.DEFAULT_LABEL, true, Route.NGINX, 65537));
        assertThat(MessageSizeScenario.sizes(Profile.FULL)).last().isEqualTo(MessageSizeScenario.RAISED_LIMIT);
    }
}
