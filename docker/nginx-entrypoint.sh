#!/bin/sh
# The wsbench nginx container's entry point: renders nginx/nginx.conf.template (the same template the native
# runs use) with nginx/render-conf.sh from the environment, checks it, and runs nginx in the foreground.
# The upstream is NGINX_UPSTREAM_SERVERS (default "server ws-server:8000;"): Docker's DNS resolves the
# service name to every replica when nginx starts, so `--scale ws-server=N` gives N upstream servers
# (after a later re-scale, restart nginx).
set -eu
conf="${NGINX_CONF:-/tmp/nginx.conf}"
sh /etc/wsbench/nginx/render-conf.sh /etc/wsbench/nginx/nginx.conf.template > "$conf"
nginx -t -q -c "$conf"
exec nginx -c "$conf" -g 'daemon off;'
