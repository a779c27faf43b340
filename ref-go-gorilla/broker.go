package main

import (
	"log"
	"math/rand"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
)

// broker is core's BrokerFanOut on Debian's nats.go: broadcasts across replicas through a NATS server
// (BROKER_URL, BROKER_SUBJECT). A notification is published once; every replica hands what it receives on the
// subject to its own clients. The publishing replica delivers to its own clients directly and the connection is
// NoEcho, so each client gets it exactly once. While the broker is down nothing is published (the reconnect
// buffer is off, so nothing arrives late): it is counted and answered "published":false.
type broker struct {
	url, subject string
	conn         *nats.Conn
	wasUp        atomic.Bool // the disconnect handler runs after every failed attempt; log the first only
	published    atomic.Int64
	received     atomic.Int64
	unpublished  atomic.Int64
	reconnects   atomic.Int64
}

// startBroker connects in the background (the server serves its own clients without the broker, and the broker
// may start after it) and hands every notification received to h.
func startBroker(url, subject string, h *hub) (*broker, error) {
	b := &broker{url: url, subject: subject}
	conn, err := nats.Connect(url,
		nats.Name("wsbench-"+h.replica),
		nats.NoEcho(),
		nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true),
		nats.CustomReconnectDelay(backoff),
		nats.ReconnectBufSize(-1),
		nats.Timeout(2*time.Second),
		nats.ConnectHandler(func(c *nats.Conn) { b.onUp("connected to "+c.ConnectedUrl(), false) }),
		nats.ReconnectHandler(func(c *nats.Conn) {
			b.onUp("reconnected to "+c.ConnectedUrl()+"; broadcasts reach every replica again", true)
		}),
		nats.DisconnectErrHandler(func(*nats.Conn, error) {
			if b.wasUp.Swap(false) {
				log.Printf("broker: lost %s; broadcasts stay on this replica until it is back", url)
			}
		}),
	)
	if err != nil {
		return nil, err
	}
	b.conn = conn
	// nats.go reports the first connection through ConnectHandler too, also when it succeeds at once
	if !conn.IsConnected() {
		log.Printf("broker: %s not reachable; broadcasts stay on this replica, retrying", url)
	}
	if _, err := conn.Subscribe(subject, func(m *nats.Msg) {
		b.received.Add(1)
		h.broadcast(notifyText(m.Data))
	}); err != nil {
		conn.Close()
		return nil, err
	}
	return b, nil
}

func (b *broker) onUp(what string, reconnect bool) {
	b.wasUp.Store(true)
	if reconnect {
		b.reconnects.Add(1)
	}
	log.Printf("broker: %s, subject %s", what, b.subject)
}

func (b *broker) isUp() bool {
	return b.conn.IsConnected()
}

// publish sends text once for the other replicas, unless the broker is down (then it is counted).
func (b *broker) publish(text []byte) bool {
	if b.conn.IsConnected() && b.conn.Publish(b.subject, text) == nil {
		b.published.Add(1)
		return true
	}
	b.unpublished.Add(1)
	return false
}

func (b *broker) close() {
	b.conn.Close()
}

// backoff is core's: 100 ms, 200 ms, 400 ms … up to 5 s, each with up to 20 % jitter.
func backoff(attempt int) time.Duration {
	if attempt > 16 {
		attempt = 16
	}
	base := 100 * time.Millisecond << attempt
	if base > 5*time.Second {
		base = 5 * time.Second
	}
	return base + time.Duration(rand.Int63n(int64(base/5)+1))
}
