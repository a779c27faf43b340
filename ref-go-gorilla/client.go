package main

import (
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// client is one connection, in the shape of gorilla's chat example and the design notes: this goroutine reads
// (readLoop), one more writes (writeLoop), and the hub hands messages over through a queue.
//
// Every knob is gorilla's own where gorilla has one: SetReadLimit (1009), SetReadDeadline + SetPongHandler
// (PONG_WAIT), SetWriteDeadline before every write (WRITE_WAIT), EnableWriteCompression + SetCompressionLevel.
// What gorilla lacks is added here, as small as possible: a byte bound on the queue (MAX_QUEUED_BYTES), the
// UTF-8 check of text messages (1007) and the READ_LIMIT of a decompressed message.
type client struct {
	conn   *websocket.Conn
	hub    *hub
	config config

	mu      sync.Mutex
	queue   []outgoing
	queued  int64         // bytes in queue plus the message being written
	wake    chan struct{} // one pending signal: the queue has something
	done    chan struct{} // closed when the connection ends: the writer stops
	aborted atomic.Bool   // slow consumer closed once
	// The close code the server chose (1001 no pong, 1009, 1007, ...), 0 until it chooses one.
	code atomic.Int32
}

type outgoing struct {
	kind int
	data []byte
}

func newClient(conn *websocket.Conn, h *hub, c config) *client {
	return &client{conn: conn, hub: h, config: c, wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// serve runs the connection until it ends; the caller's goroutine becomes the reader.
func (c *client) serve() {
	c.conn.SetReadLimit(c.config.readLimit)
	c.conn.EnableWriteCompression(c.config.compression)
	if c.config.compression {
		// an error only for a level outside -2..9; the config allows 1..9
		_ = c.conn.SetCompressionLevel(c.config.compressionLevel)
	}
	// Any frame from the peer proves it alive (SPEC §3.4): pongs, pings and data all extend the deadline.
	c.alive()
	c.conn.SetPongHandler(func(string) error { c.alive(); return nil })
	c.conn.SetPingHandler(func(data string) error {
		c.alive()
		// gorilla's default ping handler, which setting our own replaces
		err := c.conn.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(c.config.writeWait))
		if err == websocket.ErrCloseSent {
			return nil
		}
		if e, ok := err.(net.Error); ok && e.Timeout() {
			return nil
		}
		return err
	})

	c.hub.opened(c)
	go c.writeLoop()
	code := c.readLoop()
	close(c.done)
	c.conn.Close()
	c.hub.closed(c, code)
}

func (c *client) alive() {
	c.conn.SetReadDeadline(time.Now().Add(c.config.pongWait))
}

// readLoop hands messages to the hub until the connection ends and returns the close code that ended it.
func (c *client) readLoop() int {
	for {
		kind, reader, err := c.conn.NextReader()
		if err != nil {
			return c.endedBy(err)
		}
		// gorilla's read limit counts frame payloads, compressed when deflate is on; the limit is on the
		// message itself, so its inflated size is bounded here too.
		data, err := io.ReadAll(io.LimitReader(reader, c.config.readLimit+1))
		if err != nil {
			return c.endedBy(err)
		}
		if int64(len(data)) > c.config.readLimit {
			return c.closeNow(websocket.CloseMessageTooBig, "message too big")
		}
		c.alive()
		if kind == websocket.BinaryMessage {
			c.hub.onBinary(c, data)
			continue
		}
		// gorilla leaves text validation to the application (its Autobahn server does the same)
		if !utf8.Valid(data) {
			return c.closeNow(websocket.CloseInvalidFramePayloadData, "invalid UTF-8")
		}
		c.hub.onText(c, data)
	}
}

// endedBy maps how gorilla's read failed to the close code of SPEC §3 (and metrics).
func (c *client) endedBy(err error) int {
	if code := c.code.Load(); code != 0 {
		return int(code) // the server closed it: shutdown, slow consumer
	}
	var closeErr *websocket.CloseError
	var netErr net.Error
	switch {
	case errors.As(err, &closeErr):
		// the peer's close code, already answered by gorilla's close handler; 1006 when TCP just ended
		return closeErr.Code
	case errors.Is(err, websocket.ErrReadLimit):
		// gorilla has sent 1009 itself
		return websocket.CloseMessageTooBig
	case errors.As(err, &netErr) && netErr.Timeout():
		log.Printf("closing %s: no frame within PONG_WAIT", c.conn.RemoteAddr())
		return c.closeNow(websocket.CloseGoingAway, "no pong")
	case errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return websocket.CloseAbnormalClosure
	default:
		// a protocol violation: gorilla has sent 1002 already (handleProtocolError), or a corrupt deflate
		// stream, which it does not answer; a second close frame is not sent (ErrCloseSent)
		return c.closeNow(websocket.CloseProtocolError, "protocol error")
	}
}

// closeNow sends a close frame and ends the connection without waiting for the answer, as the Java servers do
// for every code but 1000.
func (c *client) closeNow(code int, reason string) int {
	c.code.CompareAndSwap(0, int32(code))
	c.sendClose(code, reason)
	return int(c.code.Load())
}

// closeWith starts the closing handshake (server shutdown); the reader sees the peer's answer.
func (c *client) closeWith(code int, reason string) {
	c.code.CompareAndSwap(0, int32(code))
	c.sendClose(code, reason)
}

func (c *client) sendClose(code int, reason string) {
	wait := c.config.writeWait
	if wait > time.Second {
		wait = time.Second // a close must not hold up shutdown or a dead peer's end
	}
	deadline := time.Now().Add(wait)
	_ = c.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline)
}

// enqueue hands a message to the writer, or closes the slow consumer when its unsent bytes would pass
// MAX_QUEUED_BYTES (gorilla writes synchronously and has no queue of its own to bound).
func (c *client) enqueue(kind int, data []byte) {
	c.mu.Lock()
	if c.queued+int64(len(data)) > c.config.maxQueuedBytes {
		c.mu.Unlock()
		c.abortSlowConsumer("more than MAX_QUEUED_BYTES unsent")
		return
	}
	c.queued += int64(len(data))
	c.queue = append(c.queue, outgoing{kind, data})
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// writeLoop is the connection's only data writer (gorilla allows one): queued messages and pings, each with
// SetWriteDeadline first, as the design notes insist; a write that misses it closes the slow consumer.
func (c *client) writeLoop() {
	var pings <-chan time.Time
	if c.config.pingPeriod > 0 {
		ticker := time.NewTicker(c.config.pingPeriod)
		defer ticker.Stop()
		pings = ticker.C
	}
	for {
		select {
		case <-c.done:
			return
		case <-pings:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.config.writeWait)); err != nil && err != websocket.ErrCloseSent {
				c.writeFailed(err)
				return
			}
		case <-c.wake:
			for {
				c.mu.Lock()
				if len(c.queue) == 0 {
					c.mu.Unlock()
					break
				}
				next := c.queue[0]
				c.queue[0] = outgoing{}
				c.queue = c.queue[1:]
				c.mu.Unlock()
				c.conn.SetWriteDeadline(time.Now().Add(c.config.writeWait))
				err := c.conn.WriteMessage(next.kind, next.data)
				c.mu.Lock()
				c.queued -= int64(len(next.data))
				c.mu.Unlock()
				if err != nil {
					c.writeFailed(err)
					return
				}
			}
		}
	}
}

func (c *client) writeFailed(err error) {
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		c.abortSlowConsumer("a send took longer than WRITE_WAIT")
		return
	}
	c.conn.Close() // the connection is gone; the reader ends and counts it
}

// abortSlowConsumer counts the slow consumer once and drops TCP without a closing handshake: a close frame
// would queue behind the data the peer does not read (core's QueuedBytes does the same).
func (c *client) abortSlowConsumer(why string) {
	if !c.aborted.CompareAndSwap(false, true) {
		return
	}
	c.hub.metrics.slowConsumers.Add(1)
	c.code.CompareAndSwap(0, websocket.CloseAbnormalClosure)
	log.Printf("closing slow consumer %s: %s", c.conn.RemoteAddr(), why)
	c.conn.UnderlyingConn().Close()
}
