package io.wsbench.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.core.client.ClientConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LargeMessageTest {

    @Test
    void textIsItsSizeInUtf8BytesAndBinaryItsSizeInBytes() {
        LargeMessage text = LargeMessage.text(100_003, 7);
        assertThat(text.isText()).isTrue();
        assertThat(text.size()).isEqualTo(100_003);
        assertThat(LargeMessage.binary(100_003, 7).size()).isEqualTo(100_003);
    }

    @Test
    void aReplyMatchesOnlyWhenEveryByteAndTheFrameTypeAreTheSame() {
        LargeMessage text = LargeMessage.text(4096, 1);
        String same = new String(asBytes(LargeMessage.text(4096, 1)), StandardCharsets.US_ASCII);
        assertThat(text.matches(same)).isTrue();
        assertThat(text.matches(same.substring(0, 4095))).isFalse();
        assertThat(text.matches(same.substring(1) + same.charAt(0))).isFalse();
        assertThat(text.matches(same.getBytes(StandardCharsets.US_ASCII))).as("binary frame").isFalse();

        LargeMessage binary = LargeMessage.binary(4096, 1);
        byte[] copy = asBytes(LargeMessage.binary(4096, 1));
        assertThat(binary.matches(copy)).isTrue();
        copy[4095] ^= 1;
        assertThat(binary.matches(copy)).isFalse();
        assertThat(binary.matches(null)).isFalse();
    }

    @Test
    void differentSeedsGiveDifferentContent() {
        assertThat(LargeMessage.binary(64, 1).matches(asBytes(LargeMessage.binary(64, 2)))).isFalse();
    }

    /** What a client would receive: the message's bytes, captured from a send. */
    private static byte[] asBytes(LargeMessage m) {
        Captured c = new Captured();
        m.sendOn(c);
        return c.bytes;
    }

    private static final class Captured implements ClientConnection {
        byte[] bytes;

        @Override
        public void sendText(String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void sendBinary(ByteBuffer data) {
            bytes = new byte[data.remaining()];
            data.get(bytes);
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public boolean compressed() {
            return false;
        }
    }
}
