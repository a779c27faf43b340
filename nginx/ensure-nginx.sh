#!/usr/bin/env bash
# Makes sure the machine has what the Nginx tests and benchmarks need: an nginx binary and openssl.
# Called by the build (topology module, initialize phase) and by .ci/run, so `mvn test` and
# `mvn -pl bench verify` set up a fresh Debian/Ubuntu machine by themselves.
#   - both present: prints the nginx version, does nothing else;
#   - missing, running as root (or with passwordless sudo) and apt-get present: installs them;
#   - otherwise: says what to install and exits 1.
# NGINX_BIN=/path/to/nginx skips the lookup; WSBENCH_NO_INSTALL=1 never installs.
set -euo pipefail

find_nginx() {
  if [ -n "${NGINX_BIN:-}" ] && [ -x "$NGINX_BIN" ]; then echo "$NGINX_BIN"; return 0; fi
  command -v nginx 2>/dev/null && return 0
  for p in /usr/sbin/nginx /usr/local/sbin/nginx /usr/local/nginx/sbin/nginx; do
    [ -x "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1; fi
}

missing=()
find_nginx >/dev/null || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  if [ -z "${WSBENCH_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1 && as_root true; then
    echo "wsbench: installing ${missing[*]} (apt-get; set WSBENCH_NO_INSTALL=1 to refuse)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian's package starts a system nginx on :80; wsbench runs its own nginx in a temp prefix.
    if [ -f /run/nginx.pid ]; then as_root "$(find_nginx)" -s stop 2>/dev/null || true; fi
    # apt-get can succeed and still leave no usable nginx (a package already "installed" whose binary is
    # gone): say so here rather than fail below on an empty path.
    find_nginx >/dev/null || { echo "wsbench: apt-get installed nginx, yet no nginx is on PATH or in /usr/sbin; set NGINX_BIN" >&2; exit 1; }
  else
    echo "wsbench: missing ${missing[*]}. Install with: apt-get install -y ${missing[*]} (Debian/Ubuntu)," \
         "apk add ${missing[*]} (Alpine) or brew install ${missing[*]} (macOS); or set NGINX_BIN." >&2
    exit 1
  fi
fi
nginx="$(find_nginx)"
version="$("$nginx" -v 2>&1)" || { echo "wsbench: $nginx does not run: $version (set NGINX_BIN to one that does)" >&2; exit 1; }
echo "wsbench: $version, $(openssl version)"
