#!/usr/bin/env bash
# A WebSocket probe in bash alone (its /dev/tcp), for images that have bash and nothing else — the ws-server
# image on the local base has no curl, no python, no JDK compiler. docker/ci.sh swarm-check runs it in a
# container on the stack's overlay network:
#
#   docker run -i --rm --network wsbench_wsbench --entrypoint bash wsbench/ws-server -s < docker/ws-probe.sh
#
# Through nginx (plain ws:// on port 80) it opens connections until REPLICAS distinct replicas answered
# {"type":"whoami"} (least_conn hands each new connection to the emptiest replica), checks an echo on every
# connection, then sends one broadcast from a client of the first replica and checks that every client —
# on every replica — receives it (cross-replica fan-out through nats) and that the sender's broadcastResult
# says it was published. Exits 0 when all of that held; prints one "ws-probe ..." line per step.
#
# Frames are written masked with an all-zero key (payload XOR 0 = payload; RFC 6455 wants a random key to
# protect proxies' caches, not servers) and never parsed: each connection's bytes are matched against the
# text expected (every reply here is a short JSON text), which also skips the frame headers. Only short
# texts (< 126 bytes) are sent.
#
# Settings (environment): HOST (nginx), PORT (80), WS_PATH (/ws-notifications), REPLICAS (3),
# MAX_CONNECTIONS (12), PATIENCE seconds per expected reply (20).
set -uo pipefail
export LC_ALL=C
host="${HOST:-nginx}" port="${PORT:-80}" path="${WS_PATH:-/ws-notifications}"
want="${REPLICAS:-3}" max="${MAX_CONNECTIONS:-12}" patience="${PATIENCE:-20}"

fds=() replicas=()
declare -A buf=() seen=()

say() { echo "ws-probe $*"; }
fail() { say "FAILED: $*"; exit 1; }

# open_ws: a new connection with its upgrade done; its fd is appended to fds.
open_ws() {
  local fd line
  exec {fd}<>"/dev/tcp/$host/$port" || fail "cannot connect to $host:$port"
  printf 'GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: d3NiZW5jaC1wcm9iZS0wMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n' \
    "$path" "$host" >&"$fd"
  read -r -t "$patience" -u "$fd" line || fail "no answer to the upgrade"
  [[ $line == *" 101 "* ]] || fail "upgrade answered: ${line%$'\r'}"
  while read -r -t "$patience" -u "$fd" line && [ "$line" != $'\r' ]; do :; done
  buf[$fd]=""
  fds+=("$fd")
}

# send FD TEXT: one masked text frame (TEXT < 126 bytes).
send() {
  local len=${#2}
  ((len < 126)) || fail "probe texts must be shorter than 126 bytes"
  printf "\\x81\\x$(printf %02x $((0x80 | len)))\\x00\\x00\\x00\\x00%s" "$2" >&"$1"
}

# await FD REGEX: reads FD until its bytes match REGEX (BASH_REMATCH set, the buffer kept after the match);
# fails after $patience seconds.
await() {
  local fd="$1" re="$2" c end=$((SECONDS + patience))
  while ! [[ ${buf[$fd]} =~ $re ]]; do
    ((SECONDS < end)) || fail "fd $fd: nothing matching $re within ${patience}s (read: ${buf[$fd]: -120})"
    IFS= read -r -N 1 -t 1 -u "$fd" c && buf[$fd]+="$c"
  done
  buf[$fd]="${buf[$fd]#*"${BASH_REMATCH[0]}"}"
}

while ((${#seen[@]} < want && ${#fds[@]} < max)); do
  open_ws
  fd="${fds[-1]}"
  send "$fd" '{"type":"whoami"}'
  await "$fd" '"replica":"([^"]+)"'
  replicas[$fd]="${BASH_REMATCH[1]}"
  seen[${BASH_REMATCH[1]}]=$((${seen[${BASH_REMATCH[1]}]:-0} + 1))
done
summary=""
for r in "${!seen[@]}"; do summary+=" $r:${seen[$r]}"; done
say "connections=${#fds[@]} replicas=${#seen[@]}$summary"
((${#seen[@]} >= want)) || fail "$want replicas wanted, nginx reached ${#seen[@]} in $max connections"

for fd in "${fds[@]}"; do
  send "$fd" "echo-probe-$fd"
  await "$fd" "echo-probe-$fd"
done
say "echo ok on ${#fds[@]} connections"

marker="swarm-$RANDOM$RANDOM"
sender="${fds[0]}"
send "$sender" "{\"type\":\"broadcast\",\"payload\":\"$marker\"}"
for fd in "${fds[@]}"; do
  await "$fd" "\\{\"type\":\"broadcast\",\"payload\":\"$marker\"\\}"
done
await "$sender" "\"type\":\"broadcastResult\",\"payload\":\"$marker\"[^}]*\\}"
result="${BASH_REMATCH[0]}"
[[ $result == *'"published":true'* ]] || fail "the broadcast was not published: $result"
say "broadcast from ${replicas[$sender]} reached ${#fds[@]}/${#fds[@]} connections on ${#seen[@]} replicas (${result})"
say "result=OK"
