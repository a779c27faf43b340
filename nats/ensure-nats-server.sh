#!/usr/bin/env bash
# Makes sure the machine has a nats-server binary, the broker the cross-replica fan-out tests run (BROKER_URL).
# Called by the build (topology module, initialize phase, beside nginx/ensure-nginx.sh) and by
# docker/base/local-bases.sh, so `mvn test` sets up a fresh Debian/Ubuntu machine by itself:
#   - present: prints its version, does nothing else;
#   - missing, running as root (or with passwordless sudo) and apt-get present: installs Debian's nats-server;
#   - otherwise: says what to install and exits 1.
# NATS_SERVER_BIN=/path/to/nats-server skips the lookup; WSBENCH_NO_INSTALL=1 never installs.
set -euo pipefail

find_nats() {
  if [ -n "${NATS_SERVER_BIN:-}" ] && [ -x "$NATS_SERVER_BIN" ]; then echo "$NATS_SERVER_BIN"; return 0; fi
  command -v nats-server 2>/dev/null && return 0
  for p in /usr/bin/nats-server /usr/sbin/nats-server /usr/local/bin/nats-server; do
    [ -x "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

if ! find_nats >/dev/null; then
  if [ -z "${WSBENCH_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1 \
     && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    sudo_if_needed=(); [ "$(id -u)" = 0 ] || sudo_if_needed=(sudo -n)
    echo "wsbench: installing nats-server (apt-get; set WSBENCH_NO_INSTALL=1 to refuse)"
    "${sudo_if_needed[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends nats-server >/dev/null
  else
    echo "wsbench: missing nats-server. Install with: apt-get install -y nats-server (Debian/Ubuntu)," \
         "apk add nats-server (Alpine) or brew install nats-server (macOS); or set NATS_SERVER_BIN." >&2
    exit 1
  fi
fi
echo "wsbench: nats-server $("$(find_nats)" --version 2>&1 | grep -o 'v[0-9][0-9.]*' | head -1)"
