'use strict';
// core's ServerMetrics under the same names (SPEC §3.3), in the Prometheus text format. Node's own process
// series are left out: they would not match the JVM's jvm_* ones anyway.

class Metrics {
  constructor(impl, library) {
    this.impl = impl;
    this.library = library;
    this.active = 0;
    this.opened = 0;
    this.closed = new Map(); // close code → count
    this.messagesIn = 0;
    this.messagesOut = 0;
    this.bytesIn = 0;
    this.bytesOut = 0;
    this.slowConsumers = 0;
  }

  connectionOpened() {
    this.opened++;
    this.active++;
  }

  connectionClosed(code) {
    this.active--;
    this.closed.set(code, (this.closed.get(code) || 0) + 1);
  }

  received(bytes) {
    this.messagesIn++;
    this.bytesIn += bytes;
  }

  sent(messages, bytes) {
    this.messagesOut += messages;
    this.bytesOut += bytes;
  }

  /** The exposition; the broker's series only with BROKER_URL (broker non-null), as in core. */
  text(broker) {
    const series = (name, type, help, samples) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${samples}`;
    const sample = (name, value) => `${name} ${value}\n`;
    const closed = [...this.closed.keys()].sort((a, b) => a - b)
      .map((code) => sample(`wsbench_connections_closed_total{code="${code}"}`, this.closed.get(code))).join('');
    return [
      series('wsbench_connections_active', 'gauge', 'Open WebSocket connections',
        sample('wsbench_connections_active', this.active)),
      series('wsbench_connections_opened_total', 'counter', 'WebSocket connections opened',
        sample('wsbench_connections_opened_total', this.opened)),
      series('wsbench_connections_closed_total', 'counter',
        'WebSocket connections closed, by close code (1006: no close frame)', closed),
      series('wsbench_messages_received_total', 'counter', 'Messages received from clients',
        sample('wsbench_messages_received_total', this.messagesIn)),
      series('wsbench_messages_sent_total', 'counter', 'Messages handed to the transport for sending',
        sample('wsbench_messages_sent_total', this.messagesOut)),
      series('wsbench_bytes_received_total', 'counter', 'Payload bytes received (after decompression)',
        sample('wsbench_bytes_received_total', this.bytesIn)),
      series('wsbench_bytes_sent_total', 'counter', 'Payload bytes handed to the transport (before compression)',
        sample('wsbench_bytes_sent_total', this.bytesOut)),
      series('wsbench_slow_consumer_closes_total', 'counter',
        'Connections closed because they could not keep up (WRITE_WAIT or MAX_QUEUED_BYTES)',
        sample('wsbench_slow_consumer_closes_total', this.slowConsumers)),
      broker ? brokerSeries(broker, series, sample) : '',
      series('wsbench_server_info', 'gauge', 'Which stack this server runs',
        `wsbench_server_info{impl=${JSON.stringify(this.impl)},library=${JSON.stringify(this.library)}} 1\n`),
    ].join('');
  }
}

function brokerSeries(b, series, sample) {
  return [
    series('wsbench_broker_up', 'gauge', '1 while the connection to the broker (BROKER_URL) is up, else 0',
      sample('wsbench_broker_up', b.isUp() ? 1 : 0)),
    series('wsbench_broker_published_total', 'counter', 'Notifications published to the broker for the other replicas',
      sample('wsbench_broker_published_total', b.published)),
    series('wsbench_broker_received_total', 'counter',
      "Notifications received from the broker and handed to this replica's clients",
      sample('wsbench_broker_received_total', b.received)),
    series('wsbench_broker_unpublished_total', 'counter',
      "Notifications that could not be published (broker down): only this replica's clients got them",
      sample('wsbench_broker_unpublished_total', b.unpublished)),
    series('wsbench_broker_reconnects_total', 'counter', 'Times the connection to the broker came back after it was lost',
      sample('wsbench_broker_reconnects_total', b.reconnects)),
  ].join('');
}

module.exports = { Metrics };
