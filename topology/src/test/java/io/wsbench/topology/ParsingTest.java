package io.wsbench.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The two texts the topology reads: nginx's stub_status and a replica's Prometheus /metrics. */
class ParsingTest {

    @Test
    void stubStatusAsNginxPrintsIt() {
        StubStatus status = StubStatus.parse("""
                Active connections: 291\s
                server accepts handled requests
                 16630948 16630948 31070465\s
                Reading: 6 Writing: 179 Waiting: 106\s
                """);

        assertThat(status).isEqualTo(new StubStatus(291, 16630948, 16630948, 31070465, 6, 179, 106));
    }

    @Test
    void metricsSamplesByNameAndLabels() {
        MetricsSnapshot metrics = MetricsSnapshot.parse("""
                # HELP wsbench_connections_active Open WebSocket connections
                # TYPE wsbench_connections_active gauge
                wsbench_connections_active 3.0
                # TYPE wsbench_connections_closed_total counter
                wsbench_connections_closed_total{code="1000"} 7.0
                wsbench_connections_closed_total{code="1006"} 1.0
                jvm_runtime_info{runtime="OpenJDK Runtime Environment",vendor="Debian",version="17"} 1
                jvm_gc_collection_seconds_bucket{gc="G1 Young",le="+Inf"} 12 1700000000000
                weird_line_without_value
                """);

        assertThat(metrics.connectionsActive()).isEqualTo(3);
        assertThat(metrics.closedWithCode(1000)).isEqualTo(7.0);
        assertThat(metrics.closedWithCode(1006)).isEqualTo(1.0);
        assertThat(metrics.closedWithCode(1009)).as("never counted yet").isZero();
        assertThat(metrics.has("wsbench_connections_closed_total{code=\"1009\"}")).isFalse();
        assertThat(metrics.get("jvm_runtime_info{runtime=\"OpenJDK Runtime Environment\",vendor=\"Debian\","
                + "version=\"17\"}")).isCloseTo(1.0, within(0.0));
        assertThat(metrics.get("jvm_gc_collection_seconds_bucket{gc=\"G1 Young\",le=\"+Inf\"}")).isEqualTo(12.0);
    }
}
