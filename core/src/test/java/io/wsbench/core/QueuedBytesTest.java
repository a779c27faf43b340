package io.wsbench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueuedBytesTest {
    private static final String SLOW_CLOSES = "wsbench_slow_consumer_closes_total";

    private final Hub hub = new Hub(new ServerMetrics("test", "none"));
    private final Idle connection = new Idle();
    private final List<String> aborts = new ArrayList<>();

    @Test
    void sendsWithinTheLimitAreCountedAndWrittenOnesLeaveTheCount() {
        QueuedBytes queued = QueuedBytes.exact(100, hub, connection, aborts::add);
        assertThat(queued.add(60)).isTrue();
        assertThat(queued.add(40)).isTrue();
        queued.remove(60);
        assertThat(queued.add(50)).isTrue();
        assertThat(queued.queued()).isEqualTo(90);
        assertThat(aborts).isEmpty();
    }

    @Test
    void aSendPastTheLimitIsRefusedAndClosesTheConsumerOnce() throws Exception {
        QueuedBytes queued = QueuedBytes.exact(100, hub, connection, aborts::add);
        assertThat(queued.add(80)).isTrue();
        assertThat(queued.add(21)).isFalse();
        assertThat(queued.queued()).as("the refused send is not counted").isEqualTo(80);
        assertThat(queued.add(30)).isFalse();
        queued.closeSlowConsumer("a send took longer than WRITE_WAIT");
        assertThat(aborts).hasSize(1).first().asString().contains("MAX_QUEUED_BYTES");
        assertThat(scrape()).contains(SLOW_CLOSES + " 1.0");
    }

    @Test
    void anEstimatePastTheLimitIsCorrectedByTheLibrarysQueue() {
        AtomicLong unsent = new AtomicLong(30); // the library wrote most of what was estimated
        QueuedBytes queued = QueuedBytes.estimated(100, unsent::get, hub, connection, aborts::add);
        assertThat(queued.add(70)).isTrue();
        assertThat(queued.add(70)).as("140 estimated, 30 really unsent").isTrue();
        assertThat(queued.queued()).isEqualTo(30);
        unsent.set(101);
        assertThat(queued.add(80)).isFalse();
        assertThat(aborts).hasSize(1);
    }

    @Test
    void writeDeadlineAloneClosesOnceToo() throws Exception {
        QueuedBytes queued = QueuedBytes.exact(100, hub, connection, aborts::add);
        queued.closeSlowConsumer("a send took longer than WRITE_WAIT");
        queued.closeSlowConsumer("a send took longer than WRITE_WAIT");
        assertThat(aborts).containsExactly("a send took longer than WRITE_WAIT");
        assertThat(scrape()).contains(SLOW_CLOSES + " 1.0");
    }

    private String scrape() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        hub.metrics().writeText(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final class Idle implements Connection {
        @Override
        public void sendText(String text) {
        }

        @Override
        public void sendBinary(ByteBuffer data) {
        }

        @Override
        public void close(int code, String reason) {
        }
    }
}
