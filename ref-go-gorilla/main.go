// Command ref-go-gorilla is wsbench's reference server on Go and gorilla/websocket: the server of the design
// notes this project grew from, with the same SPEC §3 behaviour, settings, admin port and metric names as the
// Java servers, so the bench can show it beside them as a reference row.
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

const implName = "ref-go-gorilla"

// library is set at build time from Debian's package version (-ldflags "-X main.library=...").
var library = "gorilla/websocket unknown"

// closeGrace is how long shutdown waits for clients to answer the 1001 close, as core's NotificationServer.
const closeGrace = 3 * time.Second

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	// from the start: a SIGTERM before the listeners are up must not kill the process without a word
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	c, err := parseConfig(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(2)
	}
	m := newMetrics(library)
	h := newHub(m, replicaID())
	if c.brokerURL != "" {
		if h.broker, err = startBroker(c.brokerURL, c.brokerSubject, h); err != nil {
			fmt.Fprintln(os.Stderr, "error: BROKER_URL:", err)
			os.Exit(2)
		}
	}

	ws, err := net.Listen("tcp", net.JoinHostPort(c.host, strconv.Itoa(c.port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	admin, err := net.Listen("tcp", net.JoinHostPort(c.host, strconv.Itoa(c.adminPort)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	upgrader := websocket.Upgrader{
		EnableCompression: c.compression,
		// the Java servers accept any origin; a notification service behind nginx checks it there
		CheckOrigin: func(*http.Request) bool { return true },
	}
	wsServer := &http.Server{
		Handler: wsHandler(c, h, upgrader),
		// HTTP/1.1 only, as the Java servers: a WebSocket upgrade is an HTTP/1.1 request (an empty map turns
		// off the HTTP/2 that ServeTLS would otherwise offer over ALPN)
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
	}
	go func() {
		var err error
		if c.tlsCert != "" {
			err = wsServer.ServeTLS(ws, c.tlsCert, c.tlsKey)
		} else {
			err = wsServer.Serve(ws)
		}
		if err != http.ErrServerClosed {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
	}()
	go http.Serve(admin, adminHandler(c, h))

	scheme := "ws"
	if c.tlsCert != "" {
		scheme = "wss"
	}
	log.Printf("%s (%s) listening on %s://%s%s , admin http://%s/metrics", implName, library, scheme,
		ws.Addr(), c.path, admin.Addr())

	<-stop
	log.Printf("shutting down: closing clients with 1001")
	wsServer.Close() // stops accepting; upgraded connections are hijacked, so they stay open for the 1001
	h.closeAll(websocket.CloseGoingAway, "server shutdown")
	deadline := time.Now().Add(closeGrace)
	for h.count() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := h.count(); n > 0 {
		log.Printf("%d connection(s) did not finish the close handshake; dropping them", n)
	}
	if h.broker != nil {
		h.broker.close()
	}
}

// wsHandler upgrades at exactly WS_PATH (SPEC §3.1): other paths 404; a plain GET there gets gorilla's 400.
func wsHandler(c config, h *hub, upgrader websocket.Upgrader) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != c.path {
			http.NotFound(w, r)
			return
		}
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return // gorilla has answered the request with the error status
		}
		newClient(conn, h, c).serve()
	})
}

// replicaID is core's ReplicaId: REPLICA_ID, else HOSTNAME, else the host name.
func replicaID() string {
	for _, name := range []string{"REPLICA_ID", "HOSTNAME"} {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	if host, err := os.Hostname(); err == nil {
		return host
	}
	return "unknown"
}
