#!/bin/sh
# The wsbench nginx container's entry point: renders nginx/nginx.conf.template (the same template the native
# runs use) with nginx/render-conf.sh from the environment, checks it, and runs nginx in the foreground.
#
# Compose: the upstream is NGINX_UPSTREAM_SERVERS (default "server ws-server:8000;"): Docker's DNS resolves the
# service name to every replica when nginx starts, so `--scale ws-server=N` gives N upstream servers (after a
# later re-scale, restart nginx).
#
# Swarm (docker-stack.yaml): NGINX_UPSTREAM_DNS=tasks.ws-server. There the service name is one virtual IP
# (IPVS behind it), which would hide the replicas from least_conn; `tasks.<service>` answers one address per
# running task. nginx resolves upstream names only at start, and a Swarm task that restarts comes back with
# a new address, so this script resolves the name itself: one "server ADDRESS:NGINX_UPSTREAM_PORT;" per
# address, and every NGINX_UPSTREAM_REFRESH seconds (5) it resolves again and reloads nginx when the set
# changed. Until the name resolves the upstream is a placeholder marked down (requests get 502, nginx runs).
set -eu
conf="${NGINX_CONF:-/tmp/nginx.conf}"
template=/etc/wsbench/nginx/nginx.conf.template

log() { echo "nginx-entrypoint: $*" >&2; }

# addresses NAME: every IPv4 address NAME resolves to, one a line. glibc's getent has ahostsv4 (all
# addresses: the local base image); musl's (the alpine image) has not, and its `hosts` prints only the first,
# so there busybox's nslookup answers (the addresses after its "Name:" line; those before are the DNS server's).
addresses() {
  { getent ahostsv4 "$1" 2>/dev/null ||
    nslookup "$1" 2>/dev/null | awk '/^Name:/ { n = 1 } n && /^Address/ { print $NF }'; } |
    awk '$1 ~ /^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$/ { print $1 }'
}

# upstream_lines: the "server ...;" lines for the addresses NGINX_UPSTREAM_DNS has now, sorted; a down
# placeholder when it has none.
upstream_lines() {
  lines="$(addresses "$NGINX_UPSTREAM_DNS" | awk -v port="${NGINX_UPSTREAM_PORT:-8000}" \
    '{ print "server " $1 ":" port ";" }' | sort -u)" || true
  [ -n "$lines" ] || lines="server 127.0.0.1:${NGINX_UPSTREAM_PORT:-8000} down;"
  echo "$lines"
}

render() {
  sh /etc/wsbench/nginx/render-conf.sh "$template" > "$conf"
  nginx -t -q -c "$conf"
}

# refresh_loop: runs beside nginx (a child of it after the exec below) and reloads it on a new set.
refresh_loop() {
  current="$1"
  while sleep "${NGINX_UPSTREAM_REFRESH:-5}"; do
    next="$(upstream_lines)"
    [ "$next" != "$current" ] || continue
    export NGINX_UPSTREAM_SERVERS="$next"
    if render && nginx -s reload -c "$conf"; then
      log "upstream $NGINX_UPSTREAM_DNS now $(echo "$next" | grep -c -v ' down;') address(es): $(echo $next)"
      current="$next"
    fi
  done
}

if [ -n "${NGINX_UPSTREAM_DNS:-}" ]; then
  export NGINX_UPSTREAM_SERVERS="$(upstream_lines)"
  log "upstream $NGINX_UPSTREAM_DNS: $(echo $NGINX_UPSTREAM_SERVERS)"
  render
  refresh_loop "$NGINX_UPSTREAM_SERVERS" &
else
  render
fi
exec nginx -c "$conf" -g 'daemon off;'
