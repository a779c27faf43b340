#!/usr/bin/env bash
# Builds local stand-ins for the official base images, without pulling from any registry, and tags them:
#
#   docker/base/local-bases.sh host     wsbench-local/jre:17, wsbench-local/nginx:stable and wsbench-local/nats:2.9
#                                      from this machine's files: a jlink'ed JRE 17 (+ bash for the health
#                                      check), the host's nginx and the host's nats-server, each with exactly the
#                                      shared libraries `ldd` says they need, in a scratch image (docker import).
#                                      Needs a JDK 17 with jlink and nginx; installs nats-server when missing
#                                      (nats/ensure-nats-server.sh).
#   docker/base/local-bases.sh debian   the same tags from `debootstrap --variant=minbase bookworm`
#                                      + openjdk-17-jre-headless / nginx / nats-server (needs debootstrap and a
#                                      Debian mirror).
#
# The Dockerfile and docker-compose.yaml take these as build arguments (JRE_IMAGE, NGINX_IMAGE, NATS_IMAGE);
# their defaults stay the official eclipse-temurin:17-jre, nginx:stable-alpine and nats:2.9.10-alpine. Both
# kinds lay out what the images rely on like the official ones do: java on PATH (/opt/java/openjdk), bash,
# /tmp, and for nginx /var/cache/nginx plus /var/log/nginx/{access,error}.log linked to the container's
# stdout/stderr.
# docker/README.md has the measurements behind choosing `host` for CI.
# WSBENCH_DOCKER is the docker CLI to use (docker/ci.sh passes the one it chose; default: PATH's), NGINX_BIN
# the nginx to copy. Everything `kind` needs is checked before anything is built.
set -euo pipefail

kind="${1:-host}"
jre_tag="${JRE_TAG:-wsbench-local/jre:17}"
nginx_tag="${NGINX_TAG:-wsbench-local/nginx:stable}"
nats_tag="${NATS_TAG:-wsbench-local/nats:2.9}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wsbench-bases.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() { echo "local-bases: $*" >&2; exit 1; }

# need PROGRAM PACKAGE: PROGRAM is on PATH, or says which Debian package has it.
need() { type -P "$1" >/dev/null || fail "no $1 on PATH (Debian: apt-get install -y $2)"; }

docker_cli="${WSBENCH_DOCKER:-$(type -P docker || true)}"

# The JDK whose jlink makes the JRE: JAVA_HOME's, else the one `java` on PATH belongs to.
java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"
  elif type -P java >/dev/null; then dirname "$(dirname "$(readlink -f "$(type -P java)")")"
  fi
}

# The nginx to copy, found as nginx/ensure-nginx.sh finds it.
nginx_bin() {
  if [ -n "${NGINX_BIN:-}" ] && [ -x "$NGINX_BIN" ]; then echo "$NGINX_BIN"; return; fi
  type -P nginx && return
  local p
  for p in /usr/sbin/nginx /usr/local/sbin/nginx /usr/local/nginx/sbin/nginx; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
  return 0
}

check_needs() {
  [ -n "$docker_cli" ] || fail "no docker CLI (docker/ci.sh up installs docker.io; or set WSBENCH_DOCKER)"
  need tar tar
  case "$kind" in
    host)
      [ -x "$(java_home)/bin/jlink" ] ||
        fail "no jlink under '$(java_home)': needs a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless), or JAVA_HOME, or: $0 debian"
      need ldd libc-bin
      need awk mawk
      [ -n "$(nginx_bin)" ] ||
        fail "no nginx: nginx/ensure-nginx.sh installs it (or set NGINX_BIN, or: $0 debian)"
      # installs Debian's nats-server when missing and allowed, else says what to install
      bash "$(dirname "$0")/../../nats/ensure-nats-server.sh" >&2 ||
        fail "no nats-server (see above; or: $0 debian)"
      ;;
    debian) need debootstrap debootstrap ;;
  esac
}

# Copies each binary and its shared-library closure (per ldd) into rootfs $1, keeping the host paths.
copy_with_libs() {
  local root="$1"; shift
  local f lib
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
    for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true); do
      if [ ! -e "$root$lib" ]; then
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
      fi
    done
  done
}

# /etc files every image needs: users for nginx workers (nobody) and the servers (wsbench, uid 10001).
base_etc() {
  local root="$1"
  mkdir -p "$root/etc" "$root/tmp"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\nwsbench:x:10001:10001:wsbench:/tmp:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\nnobody:x:65534:\nwsbench:x:10001:\n' > "$root/etc/group"
  printf 'hosts: files dns\npasswd: files\ngroup: files\n' > "$root/etc/nsswitch.conf"
}

nginx_dirs() {
  local root="$1"
  mkdir -p "$root/var/log/nginx" "$root/var/cache/nginx" "$root/var/lib/nginx" "$root/run" "$root/etc/nginx/certs"
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
}

import() {
  local root="$1" tag="$2"; shift 2
  tar -C "$root" -c . | "$docker_cli" import "$@" - "$tag" >/dev/null
  echo "local-bases: $tag $("$docker_cli" image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')"
}

host_jre() {
  local jlink
  jlink="$(java_home)/bin/jlink"
  local root="$work/jre"
  base_etc "$root"
  mkdir -p "$root/opt/java"
  # Every module the server and the load clients use (admin HTTP, java.net.http client, Netty's Unsafe,
  # TLS with EC keys, JMX for the Prometheus JVM metrics), and nothing for desktops.
  "$jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java/openjdk"
  local libs=("$root"/opt/java/openjdk/bin/java "$root"/opt/java/openjdk/lib/*.so "$root"/opt/java/openjdk/lib/server/*.so)
  local f lib
  for f in "${libs[@]}"; do
    for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' | grep -v "^$root" || true); do
      [ -e "$root$lib" ] || { mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; }
    done
  done
  copy_with_libs "$root" /bin/bash
  ln -s bash "$root/bin/sh"
  import "$root" "$jre_tag" --change 'ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' --change 'CMD ["java","-version"]'
}

host_nginx() {
  local nginx_bin
  nginx_bin="$(nginx_bin)"
  local root="$work/nginx"
  base_etc "$root"
  nginx_dirs "$root"
  # nginx, and what nginx/render-conf.sh needs: sh, awk, grep, sort, sed, dirname, mkdir; getent and sleep for
  # the entry point's upstream refresh under Swarm (NGINX_UPSTREAM_DNS; the alpine image has both).
  copy_with_libs "$root" "$nginx_bin" /bin/dash "$(readlink -f "$(command -v awk)")" /bin/grep /usr/bin/sort \
    /bin/sed /usr/bin/dirname /bin/mkdir /bin/cat /usr/bin/getent /bin/sleep
  [ "$nginx_bin" = /usr/sbin/nginx ] || { mkdir -p "$root/usr/sbin"; cp "$nginx_bin" "$root/usr/sbin/nginx"; }
  ln -s dash "$root/bin/sh"
  ln -s "$(readlink -f "$(command -v awk)")" "$root/usr/bin/awk" 2>/dev/null || true
  import "$root" "$nginx_tag" --change 'ENV PATH=/usr/sbin:/usr/bin:/bin' \
    --change 'CMD ["nginx","-g","daemon off;"]'
}

# nats-server is one static Go binary on amd64 (ldd: libc only); sh for anyone who wants to look inside.
host_nats() {
  local nats_bin
  nats_bin="$(type -P nats-server || echo /usr/sbin/nats-server)"
  local root="$work/nats"
  base_etc "$root"
  copy_with_libs "$root" "$nats_bin" /bin/dash
  [ "$nats_bin" = /usr/sbin/nats-server ] || { mkdir -p "$root/usr/sbin"; cp "$nats_bin" "$root/usr/sbin/nats-server"; }
  ln -s dash "$root/bin/sh"
  import "$root" "$nats_tag" --change 'ENV PATH=/usr/sbin:/usr/bin:/bin' \
    --change 'CMD ["nats-server","--http_port","8222"]'
}

debian_rootfs() {
  local root="$1" pkg="$2"
  debootstrap --variant=minbase --include="$pkg" bookworm "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
}

debian_jre() {
  local root="$work/jre"
  debian_rootfs "$root" openjdk-17-jre-headless
  mkdir -p "$root/opt/java"
  ln -s /usr/lib/jvm/java-17-openjdk-amd64 "$root/opt/java/openjdk"
  import "$root" "$jre_tag" --change 'ENV PATH=/opt/java/openjdk/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' --change 'CMD ["java","-version"]'
}

debian_nginx() {
  local root="$work/nginx"
  debian_rootfs "$root" nginx
  nginx_dirs "$root"
  import "$root" "$nginx_tag" --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["nginx","-g","daemon off;"]'
}

debian_nats() {
  local root="$work/nats"
  debian_rootfs "$root" nats-server
  import "$root" "$nats_tag" --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["nats-server","--http_port","8222"]'
}

case "$kind" in
  host)   check_needs; host_jre; host_nginx; host_nats ;;
  debian) check_needs; debian_jre; debian_nginx; debian_nats ;;
  *) echo "usage: $0 host|debian" >&2; exit 2 ;;
esac
