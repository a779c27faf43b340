package io.wsbench.core;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's counters, with the same names for every impl (SPEC §3.3), in a registry of its own so several
 * servers can share one JVM in tests. Payload bytes are counted (not wire bytes: framing and deflate are the
 * impl's business and are measured by the bench on the socket).
 */
public final class ServerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormatWriter textFormat =
            ExpositionFormats.init().getPrometheusTextFormatWriter();

    private final Gauge active = Gauge.builder().name("wsbench_connections_active")
            .help("Open WebSocket connections").register(registry);
    private final Counter opened = Counter.builder().name("wsbench_connections_opened_total")
            .help("WebSocket connections opened").register(registry);
    private final Counter closed = Counter.builder().name("wsbench_connections_closed_total")
            .help("WebSocket connections closed, by close code (1006: no close frame)")
            .labelNames("code").register(registry);
    private final Counter messagesIn = Counter.builder().name("wsbench_messages_received_total")
            .help("Messages received from clients").register(registry);
    private final Counter messagesOut = Counter.builder().name("wsbench_messages_sent_total")
            .help("Messages handed to the transport for sending").register(registry);
    private final Counter bytesIn = Counter.builder().name("wsbench_bytes_received_total")
            .help("Payload bytes received (after decompression)").register(registry);
    private final Counter bytesOut = Counter.builder().name("wsbench_bytes_sent_total")
            .help("Payload bytes handed to the transport (before compression)").register(registry);
    private final Counter slowConsumers = Counter.builder().name("wsbench_slow_consumer_closes_total")
            .help("Connections closed because they could not keep up (WRITE_WAIT or MAX_QUEUED_BYTES)")
            .register(registry);

    public ServerMetrics(String impl, String library) {
        Info.builder().name("wsbench_server_info").help("Which stack this server runs")
                .labelNames("impl", "library").register(registry)
                .addLabelValues(impl, library);
        JvmMetrics.builder().register(registry);
    }

    void opened() {
        opened.inc();
        active.inc();
    }

    void closed(int code) {
        active.dec();
        closed.labelValues(Integer.toString(code)).inc();
    }

    void slowConsumerClosed() {
        slowConsumers.inc();
    }

    void received(long bytes) {
        messagesIn.inc();
        bytesIn.inc(bytes);
    }

    void sent(long bytes) {
        sent(1, bytes);
    }

    void sent(int messages, long bytes) {
        messagesOut.inc(messages);
        bytesOut.inc(bytes);
    }

    /** For the counters of optional parts (the broker's), registered only when the part is on. */
    PrometheusRegistry registry() {
        return registry;
    }

    public String contentType() {
        return textFormat.getContentType();
    }

    public void writeText(OutputStream out) throws IOException {
        textFormat.write(out, registry.scrape());
    }
}
