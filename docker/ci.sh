#!/usr/bin/env bash
# The container part of CI, in three steps that .ci/run calls around `mvn -B test`:
#
#   docker/ci.sh up             install docker.io + docker-compose when missing, start dockerd (unless an
#                               engine already answers), build the local base images (no registry needed),
#                               package the two jars and build wsbench/ws-server, wsbench/ws-client and
#                               wsbench/nginx from ./Dockerfile (JARS=prebuilt)
#   docker/ci.sh compose-check  a short docker-compose run with --scale ws-server=3: every replica must
#                               hold connections of the ws-client summaries, every client must exit 0
#   docker/ci.sh down           remove what this run created (the compose project, Testcontainers'
#                               containers) and stop dockerd if `up` started it; safe to call twice, and
#                               from a trap when something failed
#
# Each step prints how long its parts took ("docker/ci.sh: <part> <seconds> s"); `down` sums them.
# Container traffic goes only to the networks the run creates. State lives in $WSBENCH_DOCKER_STATE
# (/tmp/wsbench-docker): dockerd's pid and log, the certificates, the timings.
# WSBENCH_BASES=host|debian picks how the local base images are made (docker/base/local-bases.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

state="${WSBENCH_DOCKER_STATE:-/tmp/wsbench-docker}"
project="${WSBENCH_COMPOSE_PROJECT:-wsbench-ci}"
mkdir -p "$state"
# Debian's client matches Debian's daemon and builds with BuildKit without the buildx plugin.
if [ -x /usr/bin/docker ]; then docker_bin=/usr/bin/docker; else docker_bin=docker; fi
docker() { "$docker_bin" "$@"; }

log() { echo "docker/ci.sh: $*"; }

# timed NAME COMMAND...: runs it and records the seconds it took.
timed() {
  local name="$1"; shift
  local t0=$SECONDS
  "$@"
  local took=$((SECONDS - t0))
  log "$name $took s"
  echo "$name $took" >> "$state/timings"
}

quiet() { "$@" >/dev/null; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_install() {
  if [ ! -f "$state/apt-updated" ]; then
    as_root apt-get update -qq && touch "$state/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { docker info >/dev/null 2>&1; }

compose() {
  if [ -z "${compose_cmd:-}" ]; then
    if docker compose version >/dev/null 2>&1; then compose_cmd="$docker_bin compose"; else compose_cmd=docker-compose; fi
  fi
  CERT_DIR="$state/certs" $compose_cmd -p "$project" "$@"
}

install_docker() {
  local missing=()
  [ -x /usr/bin/dockerd ] || command -v dockerd >/dev/null || missing+=(docker.io)
  if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then missing+=(docker-compose); fi
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  [ -x /usr/bin/docker ] && docker_bin=/usr/bin/docker
  return 0
}

start_dockerd() {
  if engine_answers; then
    log "a Docker engine already answers; using it (down will not stop it)"
    return 0
  fi
  # No iptables rules: nothing is NATed to the outside, containers talk on their own bridges, and
  # published ports go through docker-proxy on this host.
  setsid dockerd --iptables=false --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 </dev/null &
  echo started > "$state/dockerd.ours"
  local i
  for i in $(seq 1 60); do
    engine_answers && { log "dockerd $(docker version -f '{{.Server.Version}}') up (log: $state/dockerd.log)"; return 0; }
    sleep 0.5
  done
  tail -20 "$state/dockerd.log" >&2
  log "dockerd did not answer within 30 s"
  return 1
}

build_jars() {
  mvn -B -q -pl server,containers -DskipTests package
}

build_images() {
  local t
  for t in ws-server ws-client nginx; do
    DOCKER_BUILDKIT=1 docker build -q --target "$t" --build-arg JARS=prebuilt \
      --build-arg JRE_IMAGE=wsbench-local/jre:17 --build-arg NGINX_IMAGE=wsbench-local/nginx:stable \
      -t "wsbench/$t:latest" . >/dev/null
  done
  docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^wsbench' | sed 's/^/docker\/ci.sh:   /'
}

certs() {
  rm -rf "$state/certs"
  CERT_EXTRA_SANS="DNS:nginx" sh nginx/gen-cert.sh "$state/certs" >/dev/null
  chmod 644 "$state/certs"/*.pem   # the ws-client (uid 10001) reads localhost.pem
}

up() {
  rm -f "$state/timings"
  trap 'log "up failed: cleaning up"; down' ERR
  timed install install_docker
  timed dockerd start_dockerd
  timed nginx-on-host quiet bash nginx/ensure-nginx.sh
  timed base-images docker/base/local-bases.sh "${WSBENCH_BASES:-host}"
  timed jars build_jars
  timed images build_images
  timed certs certs
  trap - ERR
}

compose_check() {
  trap 'log "compose-check failed"; compose logs --no-color --tail 30 >&2 || true; compose down -v --remove-orphans >/dev/null 2>&1 || true' ERR
  local t0=$SECONDS
  compose config -q
  # Published on a random loopback port: the check runs inside the project network.
  export NGINX_HTTPS_PUBLISH=127.0.0.1: NGINX_HTTP_PUBLISH=127.0.0.1: JARS=prebuilt
  export SERVER_IMPL="${SERVER_IMPL:-netty}" CONNECTIONS="${CONNECTIONS:-12}" DURATION="${DURATION:-5s}"
  compose up -d --no-build --scale ws-server=3 --scale ws-client=2
  local clients
  clients="$(compose ps -q ws-client)"
  local rc=0 c code
  for c in $clients; do
    code="$(docker wait "$c")"
    [ "$code" = 0 ] || rc=1
  done
  local out
  out="$(compose logs --no-color ws-client | grep 'ws-client' | grep -v 'Picked up')"
  echo "$out" | sed 's/^/docker\/ci.sh:   /'
  local servers
  servers="$(for c in $(compose ps -q ws-server); do docker inspect -f '{{.Config.Hostname}}' "$c"; done | sort)"
  local seen
  seen="$(echo "$out" | grep -o 'replicas=.*' | tr ' ' '\n' | grep -v '^replicas=' | cut -d: -f1 | sort -u)"
  compose down -v --remove-orphans >/dev/null 2>&1
  trap - ERR
  local took=$((SECONDS - t0))
  echo "compose-check $took" >> "$state/timings"
  log "compose-check $took s: replicas $(echo $servers), seen by clients: $(echo $seen)"
  if [ "$rc" != 0 ]; then log "a ws-client exited non-zero"; return 1; fi
  if [ "$servers" != "$seen" ] || [ "$(echo "$servers" | wc -l)" != 3 ]; then
    log "the client summaries do not show connections on every replica"
    return 1
  fi
}

down() {
  if engine_answers; then
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    # Testcontainers labels what it starts; Ryuk is off, so a failed test run may leave some behind.
    local left
    left="$(docker ps -aq --filter label=org.testcontainers=true)"
    [ -z "$left" ] || docker rm -f $left >/dev/null
    left="$(docker network ls -q --filter label=org.testcontainers=true)"
    [ -z "$left" ] || docker network rm $left >/dev/null || true
  fi
  if [ -f "$state/dockerd.ours" ] && [ -f "$state/dockerd.pid" ]; then
    local pid
    pid="$(cat "$state/dockerd.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      local i
      for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      log "dockerd ($pid) stopped"
    fi
    rm -f "$state/dockerd.ours"
  fi
  if [ -f "$state/timings" ]; then
    log "container part: $(awk '{s+=$2; printf "%s%s %ss", (NR>1?", ":""), $1, $2} END {printf " = %d s total\n", s}' "$state/timings")"
  fi
}

case "${1:-}" in
  up) up ;;
  compose-check) compose_check ;;
  down) down ;;
  *) echo "usage: $0 up|compose-check|down" >&2; exit 2 ;;
esac
