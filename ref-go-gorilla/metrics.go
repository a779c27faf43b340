package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// metrics are core's ServerMetrics under the same names (SPEC §3.3), written in the Prometheus text format by
// hand: Debian packages client_golang, but these few series are all there is, and a Go runtime's go_*
// series would not match the JVM's jvm_* anyway.
type metrics struct {
	active, opened          atomic.Int64
	messagesIn, messagesOut atomic.Int64
	bytesIn, bytesOut       atomic.Int64
	slowConsumers           atomic.Int64
	closedMu                sync.Mutex
	closed                  map[int]int64
	library                 string
}

func newMetrics(library string) *metrics {
	return &metrics{closed: map[int]int64{}, library: library}
}

func (m *metrics) connectionOpened() {
	m.opened.Add(1)
	m.active.Add(1)
}

func (m *metrics) connectionClosed(code int) {
	m.active.Add(-1)
	m.closedMu.Lock()
	m.closed[code]++
	m.closedMu.Unlock()
}

func (m *metrics) received(bytes int) {
	m.messagesIn.Add(1)
	m.bytesIn.Add(int64(bytes))
}

func (m *metrics) sent(messages, bytes int) {
	m.messagesOut.Add(int64(messages))
	m.bytesOut.Add(int64(bytes))
}

// write is the exposition; the broker's series only with BROKER_URL, as in core.
func (m *metrics) write(w io.Writer, broker *broker) {
	series := func(name, kind, help string, samples ...string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s", name, help, name, kind, strings.Join(samples, ""))
	}
	sample := func(name string, value int64) string { return fmt.Sprintf("%s %d\n", name, value) }

	series("wsbench_connections_active", "gauge", "Open WebSocket connections",
		sample("wsbench_connections_active", m.active.Load()))
	series("wsbench_connections_opened_total", "counter", "WebSocket connections opened",
		sample("wsbench_connections_opened_total", m.opened.Load()))
	m.closedMu.Lock()
	codes := make([]int, 0, len(m.closed))
	for code := range m.closed {
		codes = append(codes, code)
	}
	sort.Ints(codes)
	var closed []string
	for _, code := range codes {
		closed = append(closed, sample(fmt.Sprintf("wsbench_connections_closed_total{code=\"%d\"}", code), m.closed[code]))
	}
	m.closedMu.Unlock()
	series("wsbench_connections_closed_total", "counter", "WebSocket connections closed, by close code (1006: no close frame)", closed...)
	series("wsbench_messages_received_total", "counter", "Messages received from clients",
		sample("wsbench_messages_received_total", m.messagesIn.Load()))
	series("wsbench_messages_sent_total", "counter", "Messages handed to the transport for sending",
		sample("wsbench_messages_sent_total", m.messagesOut.Load()))
	series("wsbench_bytes_received_total", "counter", "Payload bytes received (after decompression)",
		sample("wsbench_bytes_received_total", m.bytesIn.Load()))
	series("wsbench_bytes_sent_total", "counter", "Payload bytes handed to the transport (before compression)",
		sample("wsbench_bytes_sent_total", m.bytesOut.Load()))
	series("wsbench_slow_consumer_closes_total", "counter",
		"Connections closed because they could not keep up (WRITE_WAIT or MAX_QUEUED_BYTES)",
		sample("wsbench_slow_consumer_closes_total", m.slowConsumers.Load()))
	if b := broker; b != nil {
		up := int64(0)
		if b.isUp() {
			up = 1
		}
		series("wsbench_broker_up", "gauge", "1 while the connection to the broker (BROKER_URL) is up, else 0",
			sample("wsbench_broker_up", up))
		series("wsbench_broker_published_total", "counter", "Notifications published to the broker for the other replicas",
			sample("wsbench_broker_published_total", b.published.Load()))
		series("wsbench_broker_received_total", "counter", "Notifications received from the broker and handed to this replica's clients",
			sample("wsbench_broker_received_total", b.received.Load()))
		series("wsbench_broker_unpublished_total", "counter", "Notifications that could not be published (broker down): only this replica's clients got them",
			sample("wsbench_broker_unpublished_total", b.unpublished.Load()))
		series("wsbench_broker_reconnects_total", "counter", "Times the connection to the broker came back after it was lost",
			sample("wsbench_broker_reconnects_total", b.reconnects.Load()))
	}
	series("wsbench_server_info", "gauge", "Which stack this server runs",
		fmt.Sprintf("wsbench_server_info{impl=%q,library=%q} 1\n", implName, m.library))
}
