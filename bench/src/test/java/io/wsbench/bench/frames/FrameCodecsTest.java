package io.wsbench.bench.frames;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.core.codec.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame adapter runs its library's framing: what it encodes is the RFC 6455 frame of the message (checked by
 * the hand-written reader, which also rejects a masked or short frame), and it decodes a client's masked frame back to
 * the message, for each payload size (7-bit, 16-bit lengths), several messages on one codec.
 */
class FrameCodecsTest {

    static List<String> libraries() {
        return FrameCodecs.LIBRARIES;
    }

    private static List<byte[]> messages() {
        List<byte[]> out = new ArrayList<>();
        out.add("hi".getBytes(StandardCharsets.UTF_8));
        for (int size : JsonNotifications.SIZES) {
            new JsonNotifications(7).batch(3, size).forEach(m -> out.add(m.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void encodesTheServersFrameAndDecodesAClientsMaskedFrame(String library) throws Exception {
        try (FrameCodec codec = FrameCodecs.open(library)) {
            for (byte[] message : messages()) {
                assertThat(ClientFrames.unmaskedTextPayload(codec.encode(message))).isEqualTo(message);
                assertThat(codec.decode(ClientFrames.text(message, true))).isEqualTo(message);
            }
        }
    }
}
