#!/usr/bin/env bash
# Lays the server out in target/ref-node-ws/ (its sources, package.json, package-lock.json) and installs ws and
# nats there with `npm ci`: exactly the versions the lockfile pins. Called by this module's build (compile phase).
set -euo pipefail
cd "$(dirname "$0")"
out=target/ref-node-ws
mkdir -p "$out"
cp package.json package-lock.json ./*.js "$out"/
# npm ci removes and reinstalls node_modules; skip it while the lockfile is the one installed
if ! cmp -s package-lock.json "$out/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$out" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
  cp package-lock.json "$out/node_modules/.package-lock.json.installed"
fi
version() { node -p "require('./$out/node_modules/$1/package.json').version"; }
echo "wsbench: built ref-node-ws/$out (ws $(version ws), nats $(version nats))"
