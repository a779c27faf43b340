#!/usr/bin/env bash
# Makes sure the machine can build and run the Node reference server: node and npm. Called by this module's
# build (initialize phase), like nginx/ensure-nginx.sh in topology's:
#   - both present: prints their versions, does nothing else;
#   - missing, running as root (or with passwordless sudo) and apt-get present: installs Debian's nodejs, npm;
#   - otherwise: says what to install and exits 1.
# WSBENCH_NO_INSTALL=1 never installs.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1; fi
}

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ -z "${WSBENCH_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1 && as_root true; then
    echo "wsbench: installing ${missing[*]} (apt-get; set WSBENCH_NO_INSTALL=1 to refuse)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
      echo "wsbench: apt-get ran, yet node or npm is not on PATH" >&2; exit 1; }
  else
    echo "wsbench: ref-node-ws needs ${missing[*]}. Install with: apt-get install -y nodejs npm (Debian/Ubuntu)" \
         "or any Node.js 18+ with npm on PATH." >&2
    exit 1
  fi
fi
echo "wsbench: node $(node --version), npm $(npm --version)"
