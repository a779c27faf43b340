package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// adminHandler is core's AdminServer (SPEC §3.3): GET /health, GET /metrics, POST /notify, on plain HTTP.
func adminHandler(c config, h *hub) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/health", only("GET", func(w http.ResponseWriter, r *http.Request) {
		health := health{Status: "UP", Impl: implName, Replica: h.replica, Connections: h.count()}
		if h.broker != nil {
			// 200 still with the broker down: this replica serves its own clients, as a Java replica does
			status := "DOWN"
			if h.broker.isUp() {
				status = "UP"
			}
			health.Broker = &brokerHealth{Status: status, URL: h.broker.url, Subject: h.broker.subject}
		}
		respond(w, http.StatusOK, "application/json", health)
	}))
	mux.HandleFunc("/metrics", only("GET", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		h.metrics.write(w, h.broker)
	}))
	mux.HandleFunc("/notify", only("POST", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprint(w, "{"+h.notify(notifyText(body)).jsonMembers()+"}")
	}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "not found: "+r.URL.Path)
	})
	return mux
}

// health is core's /health answer, members in the same order; "broker" only when BROKER_URL is set.
type health struct {
	Status      string        `json:"status"`
	Impl        string        `json:"impl"`
	Replica     string        `json:"replica"`
	Connections int           `json:"connections"`
	Broker      *brokerHealth `json:"broker,omitempty"`
}

type brokerHealth struct {
	Status  string `json:"status"`
	URL     string `json:"url"`
	Subject string `json:"subject"`
}

func only(method string, handle http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusMethodNotAllowed)
			fmt.Fprint(w, "use "+method)
			return
		}
		handle(w, r)
	}
}

func respond(w http.ResponseWriter, status int, contentType string, body any) {
	text, _ := json.Marshal(body)
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(text)
}
