package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/gorilla/websocket"
)

// hub is core's Hub in Go: the one application logic (SPEC §3.2), with the same wire format.
//
//	{"type":"echo","payload":P}      → the same text back
//	{"type":"broadcast","payload":P} → {"type":"broadcast","payload":P} to every client, then
//	                                   {"type":"broadcastResult","payload":P} to the sender
//	{"type":"whoami"}                → {"type":"whoami","payload":{"replica":R}}
//	any other text → echoed unchanged; binary → echoed as binary
type hub struct {
	mu      sync.RWMutex
	clients map[*client]struct{}
	metrics *metrics
	replica string
	broker  *broker // nil: no BROKER_URL, broadcasts stay on this replica
}

func newHub(m *metrics, replica string) *hub {
	return &hub{clients: map[*client]struct{}{}, metrics: m, replica: replica}
}

func (h *hub) opened(c *client) {
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	h.metrics.connectionOpened()
}

// closed counts the connection's end once, with the close code that ended it (1006: no close frame).
func (h *hub) closed(c *client, code int) {
	h.mu.Lock()
	_, present := h.clients[c]
	delete(h.clients, c)
	h.mu.Unlock()
	if present {
		h.metrics.connectionClosed(code)
	}
}

func (h *hub) count() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.clients)
}

func (h *hub) onText(from *client, text []byte) {
	h.metrics.received(len(text))
	command := parseCommand(text)
	switch command.kind {
	case "broadcast":
		d := h.notify(envelope("broadcast", command.payload))
		h.send(from, websocket.TextMessage, broadcastResult(command.payload, d))
	case "whoami":
		replica, _ := json.Marshal(map[string]string{"replica": h.replica})
		h.send(from, websocket.TextMessage, envelope("whoami", replica))
	default:
		// "echo" and everything that is not a command: the text goes back unchanged
		h.send(from, websocket.TextMessage, text)
	}
}

func (h *hub) onBinary(from *client, data []byte) {
	h.metrics.received(len(data))
	h.send(from, websocket.BinaryMessage, data)
}

// delivery is core's Delivery: how many of this replica's clients a notification was handed to, and whether
// it was published through the broker (nil without one).
type delivery struct {
	delivered int
	published *bool
}

// jsonMembers is core's: "delivered":N, plus "published":true|false when a broker is set.
func (d delivery) jsonMembers() string {
	members := `"delivered":` + strconv.Itoa(d.delivered)
	if d.published != nil {
		members += `,"published":` + strconv.FormatBool(*d.published)
	}
	return members
}

// notify is a notification for every client of every replica: published through the broker when there is
// one, and sent to this replica's clients (a broadcast command and POST /notify).
func (h *hub) notify(text []byte) delivery {
	var d delivery
	if h.broker != nil {
		published := h.broker.publish(text)
		d.published = &published
	}
	d.delivered = h.broadcast(text)
	return d
}

// broadcast hands text to every client and returns how many it was handed to (POST /notify's "delivered").
func (h *hub) broadcast(text []byte) int {
	h.mu.RLock()
	targets := make([]*client, 0, len(h.clients))
	for c := range h.clients {
		targets = append(targets, c)
	}
	h.mu.RUnlock()
	for _, c := range targets {
		c.enqueue(websocket.TextMessage, text)
	}
	h.metrics.sent(len(targets), len(text)*len(targets))
	return len(targets)
}

// closeAll starts the closing handshake on every connection (server shutdown: 1001).
func (h *hub) closeAll(code int, reason string) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.clients {
		go c.closeWith(code, reason) // a stalled writer must not hold up the others' close
	}
}

func (h *hub) send(to *client, kind int, data []byte) {
	to.enqueue(kind, data)
	h.metrics.sent(1, len(data))
}

type command struct {
	kind    string
	payload json.RawMessage
}

// parseCommand reads a JSON object with a textual "type" (keys matched exactly, as Jackson does; Go's struct
// decoding would also match "TYPE"); anything else has no kind and is echoed.
func parseCommand(text []byte) command {
	if len(text) == 0 || text[0] != '{' || !bytes.Contains(text, []byte(`"type"`)) {
		return command{}
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(text, &members) != nil {
		return command{}
	}
	var kind string
	if raw, ok := members["type"]; !ok || json.Unmarshal(raw, &kind) != nil {
		return command{}
	}
	return command{kind: kind, payload: members["payload"]}
}

// envelope writes {"type":T,"payload":P} with P compacted but otherwise as the client wrote it (key order
// kept, as Jackson's tree keeps it); a missing payload is null, as in core.
func envelope(kind string, payload json.RawMessage) []byte {
	var out bytes.Buffer
	out.WriteString(`{"type":`)
	quoted, _ := json.Marshal(kind)
	out.Write(quoted)
	out.WriteString(`,"payload":`)
	if len(payload) == 0 {
		out.WriteString("null")
	} else if json.Compact(&out, payload) != nil {
		out.WriteString("null")
	}
	out.WriteString("}")
	return out.Bytes()
}

// broadcastResult is core's: the envelope, plus what was delivered and published when a broker is set.
func broadcastResult(payload json.RawMessage, d delivery) []byte {
	result := envelope("broadcastResult", payload)
	if d.published == nil {
		return result
	}
	return append(append(result[:len(result)-1], ","+d.jsonMembers()...), '}')
}

// notifyText is POST /notify's body as a text message: invalid UTF-8 is replaced, as Java's decoder does.
func notifyText(body []byte) []byte {
	return []byte(strings.ToValidUTF8(string(body), "\uFFFD"))
}
