package io.wsbench.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.Profile;
import io.wsbench.bench.payload.JsonNotifications;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompressionScenarioTest {

    @Test
    void everySizeGetsDistinctMessagesFillingMoreThanADeflateWindow() {
        Map<Integer, List<String>> messages = CompressionScenario.messages();
        assertThat(messages.keySet()).containsExactlyElementsOf(JsonNotifications.SIZES);
        messages.forEach((size, batch) -> {
            assertThat(new HashSet<>(batch)).hasSameSizeAs(batch);
            assertThat(CompressionScenario.averageUtf8(batch) * batch.size()).isGreaterThan(2 * 32 * 1024);
            assertThat(CompressionScenario.averageUtf8(batch)).isLessThanOrEqualTo(size);
        });
    }

    @Test
    void everyLevelOfEachProfilesSizesAndMemoryWithTakeoverOnAndOff() {
        CompressionScenario scenario = new CompressionScenario();
        // quick leaves ~20 KiB and levels 1 and 9 to full (deflate-jmh measures the levels), and the memory rows
        // to capacity
        assertThat(scenario.variants(Profile.QUICK)).containsExactlyInAnyOrder(
                CompressionScenario.echoVariant(200, 0), CompressionScenario.echoVariant(200, 6),
                CompressionScenario.echoVariant(2 * 1024, 0), CompressionScenario.echoVariant(2 * 1024, 6));
        assertThat(scenario.variants(Profile.FULL)).hasSize(3 * 4 + 2);
        assertThat(scenario.variants(Profile.SMOKE)).hasSize(3 + 2);
        assertThat(scenario.variants(Profile.FULL)).contains(CompressionScenario.memoryVariant(Profile.FULL, false));
        assertThat(scenario.variants(Profile.FULL)).contains(CompressionScenario.echoVariant(20 * 1024, 9));
    }
}
