package io.wsbench.bench.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsbench.bench.payload.JsonNotifications;
import io.wsbench.core.Transports;
import io.wsbench.core.codec.PmdCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter runs its library's real deflate code: a batch of different JSON notifications, in order on one codec
 * (so context takeover carries over where the library keeps it), comes back byte for byte through the library's own
 * encode then decode, and a client's payloads (raw zlib with context takeover, what the decode benchmarks feed)
 * decode to the messages. Compressed output must also be smaller than the message: a codec that passed bytes
 * through unchanged would round-trip too.
 */
class PmdCodecsTest {

    static Stream<Arguments> codecs() {
        List<Arguments> all = new ArrayList<>();
        for (String name : Stream.concat(Stream.of(PmdCodecs.BASELINE), PmdCodecs.LIBRARIES.stream()).toList()) {
            for (int level : List.of(1, 6, 9)) {
                all.add(Arguments.of(name, level));
            }
        }
        return all.stream();
    }

    private static List<byte[]> messages() {
        List<byte[]> out = new ArrayList<>();
        for (int size : JsonNotifications.SIZES) {
            new JsonNotifications(42).batch(8, size).forEach(m -> out.add(m.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The codecs come from the stacks' modules by ServiceLoader, each under the name of a server on the classpath. */
    @Test
    void everyStackOnTheClasspathBringsItsCodecs() {
        assertThat(PmdCodecs.LIBRARIES).isNotEmpty().isSubsetOf(Transports.names());
    }

    @ParameterizedTest(name = "{0} level {1}")
    @MethodSource("codecs")
    void ownEncodeThenDecodeGivesTheMessagesBack(String name, int level) throws Exception {
        try (PmdCodec codec = PmdCodecs.open(name, level)) {
            for (byte[] message : messages()) {
                byte[] wire = codec.encode(message);
                assertThat(wire.length).isLessThan(message.length);
                assertThat(codec.decode(wire)).isEqualTo(message);
            }
        }
    }

    @ParameterizedTest(name = "{0} level {1}")
    @MethodSource("codecs")
    void decodesAClientsContextTakeoverStream(String name, int level) throws Exception {
        List<byte[]> messages = messages();
        try (PmdCodec client = new RawDeflateCodec(level); PmdCodec server = PmdCodecs.open(name, level)) {
            List<byte[]> wire = new ArrayList<>();
            for (byte[] m : messages) {
                wire.add(client.encode(m));
            }
            // twice through: a benchmark cycles the batch on one decoder, its window full of the first pass
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < messages.size(); i++) {
                    assertThat(server.decode(wire.get(i))).as("message %d, pass %d", i, pass)
                            .isEqualTo(messages.get(i));
                }
            }
        }
    }
}
