#!/usr/bin/env bash
# Makes sure the machine can build the Go reference server offline: Debian's Go toolchain and its packaged
# gorilla/websocket and nats.go (BROKER_URL), in /usr/share/gocode. Called by this module's build (initialize phase), like
# nginx/ensure-nginx.sh in topology's:
#   - both present: prints their versions, does nothing else;
#   - missing, running as root (or with passwordless sudo) and apt-get present: installs them;
#   - otherwise: says what to install and exits 1.
# WSBENCH_NO_INSTALL=1 never installs. Nothing is downloaded from a Go module proxy: GO111MODULE=off.
set -euo pipefail

packages=(golang-go golang-github-gorilla-websocket-dev golang-github-nats-io-go-nats-dev)
gorilla=/usr/share/gocode/src/github.com/gorilla/websocket
natsgo=/usr/share/gocode/src/github.com/nats-io/nats.go

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1; fi
}

find_go() {
  command -v go 2>/dev/null && return 0
  [ -x /usr/lib/go/bin/go ] && { echo /usr/lib/go/bin/go; return 0; }
  return 1
}

missing=()
find_go >/dev/null || missing+=(golang-go)
[ -f "$gorilla/conn.go" ] || missing+=(golang-github-gorilla-websocket-dev)
[ -f "$natsgo/nats.go" ] || missing+=(golang-github-nats-io-go-nats-dev)

if [ ${#missing[@]} -gt 0 ]; then
  if [ -z "${WSBENCH_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1 && as_root true; then
    echo "wsbench: installing ${missing[*]} (apt-get; set WSBENCH_NO_INSTALL=1 to refuse)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    find_go >/dev/null && [ -f "$gorilla/conn.go" ] && [ -f "$natsgo/nats.go" ] || {
      echo "wsbench: apt-get ran, yet go, $gorilla or $natsgo is missing" >&2; exit 1; }
  else
    echo "wsbench: ref-go-gorilla needs ${missing[*]}. Install with: apt-get install -y ${packages[*]}" \
         "(Debian/Ubuntu; the build is offline, GO111MODULE=off with GOPATH=/usr/share/gocode)." >&2
    exit 1
  fi
fi
version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '(not from dpkg)'; }
echo "wsbench: $("$(find_go)" version), gorilla/websocket $(version golang-github-gorilla-websocket-dev)," \
     "nats.go $(version golang-github-nats-io-go-nats-dev)"
