package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseCodesTest {

    @Test
    void aReasonIsCutTo123BytesOfUtf8NeverInsideACharacter() {
        assertThat(CloseCodes.fitReason(null)).isEmpty();
        assertThat(CloseCodes.fitReason("no frame within PONG_WAIT")).isEqualTo("no frame within PONG_WAIT");
        assertThat(CloseCodes.fitReason("x".repeat(200))).hasSize(123);
        String emoji = "\uD83D\uDE00".repeat(40); // 4 bytes each: 160 bytes
        String cut = CloseCodes.fitReason(emoji);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(120);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }
}
