#!/usr/bin/env bash
# Builds target/ref-go-gorilla offline: GOPATH mode (GO111MODULE=off) against Debian's /usr/share/gocode, so
# no module proxy and no download is involved. Called by this module's build (compile phase).
set -euo pipefail
cd "$(dirname "$0")"
go=$(command -v go || echo /usr/lib/go/bin/go)
version=$(dpkg-query -W -f='${Version}' golang-github-gorilla-websocket-dev 2>/dev/null || echo unknown)
library="gorilla/websocket ${version%%-*} (Debian ${version}), $("$go" version | awk '{print $3}')"
# the build cache survives `mvn clean` (the standard library is not rebuilt each time); target/ without a HOME
cache=${GOCACHE:-${XDG_CACHE_HOME:-${HOME:-$PWD/target}/.cache}/go-build}
mkdir -p target
GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$cache" GOFLAGS= CGO_ENABLED=0 \
  "$go" build -o target/ref-go-gorilla -ldflags "-X 'main.library=$library'" .
echo "wsbench: built ref-go-gorilla/target/ref-go-gorilla ($library)"
