package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// config holds the SPEC §3 settings, read like core's ServerOptions: a flag (--ping-period) wins over its
// env var (PING_PERIOD), which wins over the SPEC default.
type config struct {
	impl             string
	host             string
	port             int
	path             string
	adminPort        int
	pingPeriod       time.Duration
	pongWait         time.Duration
	writeWait        time.Duration
	readLimit        int64
	maxQueuedBytes   int64
	compression      bool
	compressionLevel int
	tlsCert          string
	tlsKey           string
	brokerURL        string
	brokerSubject    string
}

// setting is one flag with its env var and default, all as text, parsed after flags and env are merged.
type setting struct {
	flag, env, def, help string
	value                *string
}

func parseConfig(args []string) (config, error) {
	settings := []*setting{
		{flag: "impl", env: "SERVER_IMPL", def: implName, help: "must be " + implName + " when set"},
		{flag: "ws-host", env: "WS_HOST", def: "127.0.0.1", help: "bind address"},
		{flag: "ws-port", env: "WS_PORT", def: "8000", help: "WebSocket port"},
		{flag: "ws-path", env: "WS_PATH", def: "/ws-notifications", help: "upgrade path"},
		{flag: "admin-port", env: "ADMIN_PORT", def: "8001", help: "admin HTTP port"},
		{flag: "ping-period", env: "PING_PERIOD", def: "30s", help: "server ping interval, 0 = off"},
		{flag: "pong-wait", env: "PONG_WAIT", def: "60s", help: "close after this long without a frame"},
		{flag: "write-wait", env: "WRITE_WAIT", def: "15s", help: "close when a send cannot complete in this time"},
		{flag: "read-limit", env: "READ_LIMIT", def: "65536", help: "largest inbound message, larger closes 1009"},
		{flag: "max-queued-bytes", env: "MAX_QUEUED_BYTES", def: "1048576", help: "close a consumer whose unsent data passes this"},
		{flag: "compression", env: "COMPRESSION", def: "off", help: "permessage-deflate: off|on"},
		{flag: "compression-level", env: "COMPRESSION_LEVEL", def: "6", help: "deflate level 1..9"},
		{flag: "tls-cert", env: "TLS_CERT", def: "", help: "PEM certificate for TLS at the backend"},
		{flag: "tls-key", env: "TLS_KEY", def: "", help: "PEM private key for TLS at the backend"},
		{flag: "broker-url", env: "BROKER_URL", def: "", help: "NATS server carrying broadcasts to the other replicas, e.g. nats://127.0.0.1:4222 (blank: this replica only)"},
		{flag: "broker-subject", env: "BROKER_SUBJECT", def: "wsbench.notifications", help: "NATS subject"},
	}
	fs := flag.NewFlagSet(implName, flag.ContinueOnError)
	for _, s := range settings {
		value := s.def
		if env := strings.TrimSpace(os.Getenv(s.env)); env != "" {
			value = env
		}
		s.value = fs.String(s.flag, value, s.help+" (env "+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	get := func(name string) string {
		for _, s := range settings {
			if s.flag == name {
				return strings.TrimSpace(*s.value)
			}
		}
		panic("no setting " + name)
	}

	var c config
	var err error
	c.impl = get("impl")
	if c.impl != implName {
		return c, fmt.Errorf("this server is %s; SERVER_IMPL=%s belongs to the Java server (wsbench-server.jar)", implName, c.impl)
	}
	c.host, c.path = get("ws-host"), get("ws-path")
	if !strings.HasPrefix(c.path, "/") {
		return c, fmt.Errorf("WS_PATH must start with '/': %s", c.path)
	}
	if c.port, err = port("WS_PORT", get("ws-port")); err != nil {
		return c, err
	}
	if c.adminPort, err = port("ADMIN_PORT", get("admin-port")); err != nil {
		return c, err
	}
	if c.pingPeriod, err = duration("PING_PERIOD", get("ping-period")); err != nil {
		return c, err
	}
	if c.pongWait, err = positive("PONG_WAIT", get("pong-wait")); err != nil {
		return c, err
	}
	if c.writeWait, err = positive("WRITE_WAIT", get("write-wait")); err != nil {
		return c, err
	}
	if c.readLimit, err = size("READ_LIMIT", get("read-limit")); err != nil {
		return c, err
	}
	if c.maxQueuedBytes, err = size("MAX_QUEUED_BYTES", get("max-queued-bytes")); err != nil {
		return c, err
	}
	switch strings.ToLower(get("compression")) {
	case "on", "true", "1":
		c.compression = true
	case "off", "false", "0":
		c.compression = false
	default:
		return c, fmt.Errorf("COMPRESSION must be off or on, got '%s'", get("compression"))
	}
	if c.compressionLevel, err = strconv.Atoi(get("compression-level")); err != nil || c.compressionLevel < 1 || c.compressionLevel > 9 {
		return c, fmt.Errorf("COMPRESSION_LEVEL must be 1..9: %s", get("compression-level"))
	}
	c.tlsCert, c.tlsKey = get("tls-cert"), get("tls-key")
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return c, fmt.Errorf("TLS_CERT and TLS_KEY must be given together")
	}
	c.brokerURL, c.brokerSubject = get("broker-url"), get("broker-subject")
	return c, nil
}

var (
	durationFormat = regexp.MustCompile(`^(\d+)\s*(ms|s|m|h)?$`)
	sizeFormat     = regexp.MustCompile(`^(\d+)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$`)
)

// duration reads core's format: 200ms, 30s, 1m, 2h; a bare number is seconds (Go's own format would need a unit).
func duration(name, text string) (time.Duration, error) {
	m := durationFormat.FindStringSubmatch(strings.ToLower(text))
	if m == nil {
		return 0, fmt.Errorf("%s: '%s' is not a duration (examples: 200ms, 30s, 1m)", name, text)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	unit := map[string]time.Duration{"ms": time.Millisecond, "": time.Second, "s": time.Second, "m": time.Minute, "h": time.Hour}[m[2]]
	return time.Duration(n) * unit, nil
}

func positive(name, text string) (time.Duration, error) {
	d, err := duration(name, text)
	if err == nil && d <= 0 {
		err = fmt.Errorf("%s must be a positive duration: %s", name, text)
	}
	return d, err
}

// size reads core's byte sizes: 65536, 64k, 1m, 10MiB (binary units).
func size(name, text string) (int64, error) {
	m := sizeFormat.FindStringSubmatch(strings.ToLower(text))
	if m == nil {
		return 0, fmt.Errorf("%s: '%s' is not a byte size (examples: 65536, 64k, 1m)", name, text)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	if m[2] != "" {
		n <<= map[byte]uint{'k': 10, 'm': 20, 'g': 30}[m[2][0]]
	}
	if n <= 0 {
		return 0, fmt.Errorf("%s must be > 0 bytes: %s", name, text)
	}
	return n, nil
}

func port(name, text string) (int, error) {
	p, err := strconv.Atoi(text)
	if err != nil || p < 0 || p > 65535 {
		return 0, fmt.Errorf("%s must be 0..65535: %s", name, text)
	}
	return p, nil
}
