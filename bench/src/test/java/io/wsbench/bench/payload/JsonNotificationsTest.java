package io.wsbench.bench.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class JsonNotificationsTest {

    @Test
    void sameSeedSameSequence() {
        assertThat(new JsonNotifications(7).batch(20, 2048)).isEqualTo(new JsonNotifications(7).batch(20, 2048));
        assertThat(new JsonNotifications(7).batch(5, 2048)).isNotEqualTo(new JsonNotifications(8).batch(5, 2048));
    }

    @Test
    void eachSizeLandsJustUnderItsTargetAndEveryMessageDiffers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int target : JsonNotifications.SIZES) {
            List<String> batch = new JsonNotifications(1).batch(50, target);
            assertThat(new HashSet<>(batch)).hasSize(50);
            for (String m : batch) {
                int bytes = m.getBytes(StandardCharsets.UTF_8).length;
                assertThat(bytes).isLessThanOrEqualTo(target).isGreaterThan(target / 2);
                JsonNode node = json.readTree(m);
                assertThat(node.get("type").asText()).contains(".");
                assertThat(node.get("items").isArray()).isTrue();
            }
        }
    }

    /** Neither a repeated string (compresses ~100×) nor noise (does not compress): a feed of similar objects. */
    @Test
    void compressesLikeStructuredDataNotLikeARepeatedString() {
        byte[] message = new JsonNotifications(3).next(20 * 1024).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(message);
        deflater.finish();
        byte[] out = new byte[message.length * 2];
        int compressed = deflater.deflate(out);
        deflater.end();
        double ratio = (double) message.length / compressed;
        assertThat(ratio).isBetween(1.5, 20.0);
    }

    @Test
    void rejectsANonPositiveTarget() {
        assertThatThrownBy(() -> new JsonNotifications(1).next(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
