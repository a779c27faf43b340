#!/usr/bin/env bash
# The container part of CI, in the steps that .ci/run calls around `mvn -B test`:
#
#   docker/ci.sh up             install docker.io + docker-compose when missing, start dockerd (unless an
#                               engine already answers), build the local base images (no registry needed),
#                               package the two jars and build wsbench/ws-server, wsbench/ws-client and
#                               wsbench/nginx from ./Dockerfile (JARS=prebuilt)
#   docker/ci.sh compose-check  a short docker-compose run with --scale ws-server=3: every replica must
#                               hold connections of the ws-client summaries, every client must exit 0
#   docker/ci.sh swarm-check    docker-stack.yaml on a one-node swarm (swarm init unless one is active):
#                               3 ws-server replicas, docker/ws-probe.sh through nginx (echo, a broadcast that
#                               reaches every replica), two ws-client tasks merged by docker/merge-summaries.sh;
#                               then stack rm and swarm leave (if it joined)
#   docker/ci.sh down           remove what this run created (the compose project, Testcontainers'
#                               containers) and stop dockerd if `up` started it; safe to call twice, from a
#                               trap when something failed, and on a machine without Docker
#   docker/ci.sh selftest       the install/lookup path on scratch machines without Docker (no root, no
#                               network, a second): see selftest below
#
# Each step prints how long its parts took ("docker/ci.sh: <part> <seconds> s"); `down` sums them.
# Container traffic goes only to the networks the run creates. State lives in $WSBENCH_DOCKER_STATE
# (/tmp/wsbench-docker): dockerd's pid and log, the certificates, the timings.
# WSBENCH_BASES=host|debian picks how the local base images are made (docker/base/local-bases.sh).
# WSBENCH_NO_INSTALL=1 never installs; what is missing is then named with the command that installs it.
set -euo pipefail
cd "$(dirname "$0")/.."

state="${WSBENCH_DOCKER_STATE:-/tmp/wsbench-docker}"
project="${WSBENCH_COMPOSE_PROJECT:-wsbench-ci}"
# Where Debian's docker.io and docker-compose put their programs (docker and docker-compose in /usr/bin,
# dockerd in /usr/sbin); selftest points these at scratch directories.
debian_dirs="${WSBENCH_DEBIAN_DIRS:-/usr/bin /usr/sbin}"
mkdir -p "$state"
# Present while this script's swarm-check has made this engine a one-node swarm (down then leaves it).
state_dir_swarm="$state/swarm.ours"

# The Docker programs this script runs, as absolute paths; empty when not installed. Never a bare `docker`:
# a shell function named docker that runs "docker" calls itself (bash then recursed until it overflowed its
# stack: issue 12), and PATH may hold another docker CLI, e.g. a client-only /usr/local/bin/docker 28 whose
# `build` wants a buildx plugin and whose API is newer than Debian's daemon. Debian's client, in /usr/bin,
# matches Debian's daemon and builds with BuildKit without buildx, so it comes first.
docker_path="" dockerd_path="" compose_path=""

# program_path NAME: NAME in $debian_dirs, else the file PATH finds (type -P skips functions); else empty.
program_path() {
  local dir
  for dir in $debian_dirs; do
    [ -x "$dir/$1" ] && { echo "$dir/$1"; return 0; }
  done
  type -P "$1" || true
}

find_docker() {
  docker_path="$(program_path docker)"
  dockerd_path="$(program_path dockerd)"
  compose_path="$(program_path docker-compose)"
}

# docker_cli ARGS...: the docker CLI find_docker chose; only ever an absolute path, so never this function.
docker_cli() {
  case "$docker_path" in
    /*) "$docker_path" "$@" ;;
    *) log "no docker CLI on PATH or in $debian_dirs (docker/ci.sh up installs docker.io)" >&2; return 127 ;;
  esac
}

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
  if [ "$EUID" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

can_install() {
  [ -z "${WSBENCH_NO_INSTALL:-}" ] && type -P apt-get >/dev/null &&
    { [ "$EUID" = 0 ] || { type -P sudo >/dev/null && sudo -n true 2>/dev/null; }; }
}

apt_install() {
  if ! can_install; then
    log "missing $*: install with apt-get install -y $* (as root, or with passwordless sudo, this script" \
        "does it; WSBENCH_NO_INSTALL=1 forbids it), or set WSBENCH_NO_DOCKER=1 to leave the container part out" >&2
    return 1
  fi
  if [ ! -f "$state/apt-updated" ]; then
    as_root apt-get update -qq && touch "$state/apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_answers() { [ -n "$docker_path" ] && docker_cli info >/dev/null 2>&1; }

compose() {
  if [ -z "${compose_cmd:-}" ]; then
    if docker_cli compose version >/dev/null 2>&1; then compose_cmd=("$docker_path" compose)
    elif [ -n "$compose_path" ]; then compose_cmd=("$compose_path")
    else log "no Compose: neither 'docker compose' nor docker-compose (docker/ci.sh up installs docker-compose)" >&2; return 1
    fi
  fi
  CERT_DIR="$state/certs" "${compose_cmd[@]}" -p "$project" "$@"
}

# Installs docker.io when dockerd or a docker CLI is missing (another CLI on PATH does not count: it has no
# daemon here), docker-compose when there is no Compose, openssl for the certificates; then looks again, so
# from here on the programs the packages put in $debian_dirs are the ones used.
install_docker() {
  find_docker
  local missing=()
  [ -n "$dockerd_path" ] && [ -n "$docker_path" ] || missing+=(docker.io)
  # Bookworm's docker.io has no Compose v2 plugin, so while it is still to come only docker-compose counts.
  if [ -z "$compose_path" ] && { [ -n "${missing[*]}" ] || ! docker_cli compose version >/dev/null 2>&1; }; then
    missing+=(docker-compose)
  fi
  type -P openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}" || return 1
    find_docker
  fi
  if [ -z "$docker_path" ] || [ -z "$dockerd_path" ]; then
    log "docker.io is installed but docker or dockerd is neither in $debian_dirs nor on PATH" >&2
    return 1
  fi
  log "docker $docker_path, dockerd $dockerd_path, compose ${compose_path:-$docker_path compose}"
}

start_dockerd() {
  if engine_answers; then
    log "a Docker engine already answers; using it (down will not stop it)"
    return 0
  fi
  # No iptables rules: nothing is NATed to the outside, containers talk on their own bridges, and
  # published ports go through docker-proxy on this host.
  setsid "$dockerd_path" --iptables=false --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 </dev/null &
  echo started > "$state/dockerd.ours"
  local i
  for i in $(seq 1 60); do
    engine_answers && { log "dockerd $(docker_cli version -f '{{.Server.Version}}') up (log: $state/dockerd.log)"; return 0; }
    sleep 0.5
  done
  tail -20 "$state/dockerd.log" >&2
  log "dockerd did not answer within 30 s"
  return 1
}

build_jars() {
  mvn -B -q -pl server,containers -DskipTests package
}

# have_images WHAT IMAGE...: every image is in the engine, or says which is missing and what builds it.
have_images() {
  local what="$1" image; shift
  for image in "$@"; do
    docker_cli image inspect "$image" >/dev/null 2>&1 || { log "no image $image: $what" >&2; return 1; }
  done
}

build_images() {
  have_images "docker/base/local-bases.sh host builds it" wsbench-local/jre:17 wsbench-local/nginx:stable \
    wsbench-local/nats:2.9
  local t
  for t in ws-server ws-client nginx nats; do
    DOCKER_BUILDKIT=1 docker_cli build -q --target "$t" --build-arg JARS=prebuilt \
      --build-arg JRE_IMAGE=wsbench-local/jre:17 --build-arg NGINX_IMAGE=wsbench-local/nginx:stable \
      --build-arg NATS_IMAGE=wsbench-local/nats:2.9 -t "wsbench/$t:latest" . >/dev/null
  done
  docker_cli images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^wsbench' | sed 's/^/docker\/ci.sh:   /'
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
  timed base-images env WSBENCH_DOCKER="$docker_path" docker/base/local-bases.sh "${WSBENCH_BASES:-host}"
  timed jars build_jars
  timed images build_images
  timed certs certs
  trap - ERR
}

compose_check() {
  engine_answers || { log "no Docker engine answers: docker/ci.sh up starts one" >&2; return 1; }
  have_images "docker/ci.sh up builds it" wsbench/ws-server:latest wsbench/ws-client:latest wsbench/nginx:latest \
    wsbench/nats:latest
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
    code="$(docker_cli wait "$c")"
    [ "$code" = 0 ] || rc=1
  done
  local out
  out="$(compose logs --no-color ws-client | grep 'ws-client' | grep -v 'Picked up')"
  echo "$out" | sed 's/^/docker\/ci.sh:   /'
  local servers
  servers="$(for c in $(compose ps -q ws-server); do docker_cli inspect -f '{{.Config.Hostname}}' "$c"; done | sort)"
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
    swarm_down
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    # Testcontainers labels what it starts; Ryuk is off, so a failed test run may leave some behind.
    local left
    left="$(docker_cli ps -aq --filter label=org.testcontainers=true)"
    [ -z "$left" ] || docker_cli rm -f $left >/dev/null
    left="$(docker_cli network ls -q --filter label=org.testcontainers=true)"
    [ -z "$left" ] || docker_cli network rm $left >/dev/null || true
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

stack="${WSBENCH_STACK:-wsbench-ci}"

# swarm_up: a one-node swarm unless this engine is in one already (then it is used and left alone), and an
# overlay network a container can join. What this engine refuses goes to $refused, word for word.
swarm_up() {
  local node_state addr out
  node_state="$(docker_cli info -f '{{.Swarm.LocalNodeState}}')"
  if [ "$node_state" = active ]; then
    log "this engine is already in a swarm; deploying there (swarm-check will not leave it)"
  else
    # A machine with several addresses (eth0 and docker0 here) makes `swarm init` ask which to advertise.
    addr="${WSBENCH_SWARM_ADDR:-$( (ip -4 route get 1.1.1.1 2>/dev/null || true) | grep -o 'src [0-9.]*' | cut -d' ' -f2)}"
    addr="${addr:-127.0.0.1}"
    if ! out="$(docker_cli swarm init --advertise-addr "$addr" 2>&1)"; then
      refused="docker swarm init --advertise-addr $addr: $out"
      return 0
    fi
    echo joined > "$state_dir_swarm"
    log "swarm initialised on $addr"
  fi
  out="$(overlay_works 2>&1)" || refused="a container on an overlay network: $out"
}

# overlay_works: a throw-away attachable overlay network, one container started on it (creating the
# network is only a record; the VXLAN device is made when the first container joins).
overlay_works() {
  local net="${stack}_overlay-probe" rc=0
  docker_cli network create -d overlay --attachable "$net" >/dev/null || return 1
  docker_cli run --rm --network "$net" --entrypoint bash wsbench/ws-server:latest -c true >/dev/null || rc=1
  docker_cli network rm "$net" >/dev/null || true
  return $rc
}

# swarm_refused WHY: this engine cannot run the stack. Says what failed, checks the stack file with the parser
# at hand (`docker stack config`, Docker CLI 23+; else docker-compose's, which knows the 3.8 schema), and
# passes unless WSBENCH_SWARM_REQUIRED=1.
swarm_refused() {
  log "swarm-check NOT RUN: $1"
  local out
  if docker_cli stack --help 2>/dev/null | grep -q '^  config'; then
    out="$(docker_cli stack config -c docker-stack.yaml 2>&1 >/dev/null)" || { echo "$out" >&2; return 1; }
    log "docker stack config: docker-stack.yaml is valid"
  else
    out="$(compose -f docker-stack.yaml config -q 2>&1)" || { echo "$out" >&2; return 1; }
    log "docker-compose config: docker-stack.yaml is valid (this docker CLI has no 'stack config')"
  fi
  [ -z "${WSBENCH_SWARM_REQUIRED:-}" ] || { log "WSBENCH_SWARM_REQUIRED=1: failing"; return 1; }
}

# swarm_down: removes the check's stack and leaves the swarm when swarm_up made it; safe to call twice.
swarm_down() {
  docker_cli stack rm "$stack" >/dev/null 2>&1 || true
  if [ -f "$state_dir_swarm" ]; then
    # stack rm returns before the tasks are gone; the network goes last.
    local i
    for i in $(seq 1 30); do
      docker_cli network inspect "${stack}_wsbench" >/dev/null 2>&1 || break
      sleep 1
    done
    docker_cli swarm leave --force >/dev/null 2>&1 || true
    # swarm init made it; leaving does not remove it.
    docker_cli network rm docker_gwbridge >/dev/null 2>&1 || true
    rm -f "$state_dir_swarm"
    log "left the swarm"
  fi
}

# The images are this engine's own (no registry): never ask a registry for their digests.
stack_deploy() {
  docker_cli stack deploy --resolve-image never -c docker-stack.yaml "$stack" >/dev/null
}

# replicas_running SERVICE N: waits (90 s) until N tasks of SERVICE run (healthy, where the image has a check).
replicas_running() {
  local i
  for i in $(seq 1 90); do
    [ "$(docker_cli service ls --filter "name=${stack}_$1" --format '{{.Replicas}}')" = "$2/$2" ] && return 0
    sleep 1
  done
  log "$1: $(docker_cli service ls --filter "name=${stack}_$1" --format '{{.Replicas}}') running after 90 s, $2 wanted"
  return 1
}

# nginx_upstreams N: waits (30 s) until nginx's entry point says it proxies to N replica addresses.
nginx_upstreams() {
  local i line
  for i in $(seq 1 30); do
    line="$(docker_cli service logs --raw "${stack}_nginx" 2>&1 | grep 'nginx-entrypoint: upstream' | tail -n 1)"
    [ "$(echo "$line" | grep -o 'server [0-9.]*:[0-9]*;' | wc -l)" = "$1" ] && { log "${line#nginx-entrypoint: }"; return 0; }
    sleep 1
  done
  log "nginx did not reach $1 upstreams in 30 s: ${line:-no entry point line}"
  return 1
}

# clients_done N: waits (120 s) until N ws-client tasks have ended (complete or failed).
clients_done() {
  local i
  for i in $(seq 1 120); do
    [ "$(docker_cli service ps "${stack}_ws-client" --format '{{.CurrentState}}' | grep -c -E '^(Complete|Failed|Rejected)')" -ge "$1" ] && return 0
    sleep 1
  done
  log "ws-client: $1 tasks did not end within 120 s"
  return 1
}

swarm_check_failed() {
  log "swarm-check failed"
  docker_cli stack ps "$stack" --no-trunc --format '{{.Name}} {{.CurrentState}} {{.Error}}' >&2 2>/dev/null || true
  swarm_down
}

swarm_check() {
  engine_answers || { log "no Docker engine answers: docker/ci.sh up starts one" >&2; return 1; }
  have_images "docker/ci.sh up builds it" wsbench/ws-server:latest wsbench/ws-client:latest wsbench/nginx:latest \
    wsbench/nats:latest
  local t0=$SECONDS
  # EXIT, not ERR: set -e also ends the script on a failure inside a function, where an ERR trap (without
  # set -E) never runs, and the swarm would stay.
  trap 'swarm_check_failed' EXIT
  export CERT_DIR="$state/certs" SERVER_IMPL="${SERVER_IMPL:-undertow}" WS_CLIENT_REPLICAS=0
  export NGINX_HTTP_PUBLISH="${NGINX_HTTP_PUBLISH:-18080}" NGINX_HTTPS_PUBLISH="${NGINX_HTTPS_PUBLISH:-18443}"
  # Service VIPs and the routing mesh are IPVS (without it in the kernel a VIP answers "No route to host"),
  # and the mesh also needs the iptables rules that `up`'s dockerd --iptables=false never writes.
  export WSBENCH_ENDPOINT_MODE="${WSBENCH_ENDPOINT_MODE:-dnsrr}" NGINX_PUBLISH_MODE="${NGINX_PUBLISH_MODE:-host}"
  log "endpoint_mode $WSBENCH_ENDPOINT_MODE, nginx published in $NGINX_PUBLISH_MODE mode (IPVS in this kernel:" \
    "$([ -d /proc/sys/net/ipv4/vs ] && echo yes || echo 'no, /proc/sys/net/ipv4/vs is missing'))"
  refused=""
  swarm_up
  if [ -n "$refused" ]; then
    swarm_down
    trap - EXIT
    swarm_refused "$refused"
    return
  fi
  stack_deploy
  replicas_running ws-server 3
  replicas_running nginx 1
  nginx_upstreams 3
  log "stack $stack: ws-server 3/3, nats, nginx up after $((SECONDS - t0)) s"
  # bash's /dev/tcp: CI's machine need not have curl.
  local code
  code="$( (exec 3<>"/dev/tcp/127.0.0.1/$NGINX_HTTP_PUBLISH" &&
    printf 'GET /ws-notifications HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && read -r _ code _ <&3 && echo "$code") \
    2>/dev/null || true)"
  log "nginx published on the host: GET :$NGINX_HTTP_PUBLISH/ws-notifications without upgrade -> $code"
  case "$code" in
    400|426) ;;
    *) log "nginx's published port answered '$code', not 426 (or 400)"; false ;;
  esac
  docker_cli run -i --rm --network "${stack}_wsbench" --entrypoint bash wsbench/ws-server:latest -s \
    < docker/ws-probe.sh | sed 's/^/docker\/ci.sh:   /'
  # Two load clients, deployed once the replicas are known to nginx so each sees all three.
  WS_CLIENT_REPLICAS=2 CONNECTIONS="${CONNECTIONS:-6}" DURATION="${DURATION:-3s}" stack_deploy
  clients_done 2
  docker_cli service logs "${stack}_ws-client" 2>&1 | docker/merge-summaries.sh | sed 's/^/docker\/ci.sh:   /'
  swarm_down
  trap - EXIT
  local took=$((SECONDS - t0))
  echo "swarm-check $took" >> "$state/timings"
  log "swarm-check $took s"
}

# selftest: the install/lookup path of `up` and `down` on three scratch machines that have no Docker, each
# in a subshell whose PATH and $debian_dirs are scratch directories: PATH holds links to the few programs
# the path runs, and apt_install is a stub that writes fake docker, dockerd and docker-compose into the
# scratch usr/bin and usr/sbin (each logs its calls). FUNCNEST turns any recursion into an error instead of a segfault.
#   fresh      nothing installed: down is harmless, docker_cli says what is missing, the stub is asked for
#              docker.io and docker-compose, and afterwards the scratch usr/bin programs are the ones run;
#   other-cli  only another docker CLI on PATH: docker.io is still installed (there is no dockerd), the
#              Debian CLI is picked, and the other one never runs;
#   no-apt     nothing installed and no apt-get: up's install step fails with the apt-get command to run.
selftest() {
  local scratch
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/wsbench-ci-selftest.XXXXXX")"
  trap "rm -rf '$scratch'" EXIT
  local failed=0 machine
  for machine in fresh other-cli no-apt; do
    selftest_on "$machine" || failed=1
  done
  [ "$failed" = 0 ] && log "selftest passed on scratch machines fresh, other-cli, no-apt" || { log "selftest FAILED" >&2; return 1; }
}

# selftest_on MACHINE: one scratch machine, in a subshell so nothing it sets leaks out.
selftest_on() (
  root="$scratch/$1" calls="$scratch/$1/calls" failures=0
  mkdir -p "$root/bin" "$root/usr/bin" "$root/usr/sbin" "$root/other" "$root/state"
  : > "$calls"
  local tool
  for tool in chmod grep; do ln -s "$(type -P "$tool")" "$root/bin/$tool"; done
  PATH="$root/bin" debian_dirs="$root/usr/bin $root/usr/sbin" state="$root/state" WSBENCH_NO_INSTALL= FUNCNEST=20
  unset compose_cmd
  "selftest_$1"
  check "no shell function is named docker, dockerd or docker-compose" \
    '! declare -F docker dockerd docker-compose >/dev/null'
  exit "$failures"
)

# check WHAT CONDITION: evaluates CONDITION (a shell test) and says whether WHAT held.
check() {
  if eval "$2"; then log "selftest $machine: ok: $1"
  else log "selftest $machine: FAILED: $1" >&2; failures=$((failures + 1)); fi
}

# fake_program FILE: a script that logs "FILE ARGS" to $calls; info and compose fail (no engine answers,
# no Compose plugin: Debian's docker.io), everything else succeeds.
fake_program() {
  printf '#!/bin/sh\necho "$0 $*" >> "%s"\ncase "$1" in info|compose) exit 1 ;; esac\nexit 0\n' "$calls" > "$1"
  chmod +x "$1"
}

# The stub apt_install: records what it was asked for and drops the packages' programs where Debian's do.
apt_install_stub() {
  echo "$*" >> "$root/apt"
  local package
  for package in "$@"; do
    case "$package" in
      docker.io) fake_program "$root/usr/bin/docker"; fake_program "$root/usr/sbin/dockerd" ;;
      docker-compose) fake_program "$root/usr/bin/docker-compose" ;;
    esac
  done
}

selftest_fresh() {
  apt_install() { apt_install_stub "$@"; }
  find_docker
  check "nothing is found" '[ -z "$docker_path$dockerd_path$compose_path" ]'
  check "down does nothing and succeeds" 'down >/dev/null'
  check "docker_cli fails with a message, without recursing" \
    '! docker_cli info 2>"$root/err" && grep -q "up installs docker.io" "$root/err"'
  check "up's install step succeeds" 'install_docker >/dev/null'
  check "it installed docker.io, docker-compose and openssl" \
    '[ "$(< "$root/apt")" = "docker.io docker-compose openssl" ]'
  check "then it uses the scratch usr/bin and usr/sbin programs" \
    '[ "$docker_path $dockerd_path $compose_path" = "$root/usr/bin/docker $root/usr/sbin/dockerd $root/usr/bin/docker-compose" ]'
  check "docker_cli runs that docker once" \
    'docker_cli version && [ "$(< "$calls")" = "$root/usr/bin/docker version" ]'
  : > "$calls"
  check "compose falls back to docker-compose" \
    'compose version && grep -qx "$root/usr/bin/docker-compose -p $project version" "$calls"'
  check "down with the fake docker installed (no engine) does nothing" 'down >/dev/null'
}

selftest_other-cli() {
  apt_install() { apt_install_stub "$@"; }
  fake_program "$root/other/docker"
  PATH="$PATH:$root/other"
  find_docker
  check "before installing, PATH's docker is the one found" '[ "$docker_path" = "$root/other/docker" ]'
  check "up's install step succeeds" 'install_docker >/dev/null'
  check "it installed docker.io (no dockerd), docker-compose, openssl" \
    '[ "$(< "$root/apt")" = "docker.io docker-compose openssl" ]'
  check "then Debian's docker is picked, not PATH's" '[ "$docker_path" = "$root/usr/bin/docker" ]'
  check "docker_cli runs the Debian docker" 'docker_cli version && grep -qx "$root/usr/bin/docker version" "$calls"'
  check "the other docker never ran" '! grep -q "^$root/other/" "$calls"'
}

selftest_no-apt() {
  check "up's install step fails" '! install_docker >"$root/out" 2>&1'
  check "saying what to install" 'grep -q "apt-get install -y docker.io docker-compose openssl" "$root/out"'
  check "and nothing is found afterwards" '[ -z "$docker_path$dockerd_path" ]'
}

case "${1:-}" in
  up) up ;;
  compose-check) find_docker; compose_check ;;
  swarm-check) find_docker; swarm_check ;;
  down) find_docker; down ;;
  selftest) selftest ;;
  *) echo "usage: $0 up|compose-check|swarm-check|down|selftest" >&2; exit 2 ;;
esac
