#!/bin/sh
# Renders nginx.conf.template to stdout without Java, e.g. in a container entrypoint:
#
#   NGINX_UPSTREAM_SERVERS="server ws-server:8000;" nginx/render-conf.sh > /etc/nginx/nginx.conf
#
# Every ${NAME} in the template can be set from the environment; unset ones get the production defaults
# below. NGINX_BALANCE=round-robin|least_conn|ip_hash is a friendlier way to set NGINX_UPSTREAM_POLICY.
# Only upper-case dollar-brace names are replaced, so nginx variables such as $http_upgrade are left alone
# (a bare `envsubst` would blank them). Needs only POSIX sh and awk (busybox in the Alpine images has both).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
template="${1:-$here/nginx.conf.template}"

: "${WS_PATH:=/ws-notifications}"
: "${NGINX_LISTEN_ADDRESS:=0.0.0.0}"
: "${NGINX_HTTP_PORT:=80}"
: "${NGINX_HTTPS_PORT:=443}"
: "${NGINX_REUSEPORT=}"
: "${NGINX_SERVER_NAME:=localhost}"
: "${NGINX_TLS_CERT:=/etc/nginx/certs/localhost.pem}"
: "${NGINX_TLS_KEY:=/etc/nginx/certs/localhost-key.pem}"
: "${NGINX_UPSTREAM_SERVERS:=server ws-server:8000;}"
: "${NGINX_UPSTREAM_SCHEME:=http}"
: "${NGINX_PROXY_READ_TIMEOUT:=90s}"
: "${NGINX_PROXY_SEND_TIMEOUT:=90s}"
: "${NGINX_PROXY_CONNECT_TIMEOUT:=5s}"
: "${NGINX_CLIENT_MAX_BODY_SIZE:=1m}"
: "${NGINX_STATUS_ALLOW:=127.0.0.1}"
: "${NGINX_WORKER_PROCESSES:=auto}"
: "${NGINX_WORKER_CONNECTIONS:=16384}"
: "${NGINX_WORKER_RLIMIT_NOFILE:=32768}"
: "${NGINX_LOG_DIR:=/var/log/nginx}"
: "${NGINX_ERROR_LOG_LEVEL:=notice}"
: "${NGINX_RUN_DIR:=/var/cache/nginx}"
if [ -z "${NGINX_UPSTREAM_POLICY+set}" ]; then
    case "${NGINX_BALANCE:-least_conn}" in
        round-robin) NGINX_UPSTREAM_POLICY="" ;;
        least_conn)  NGINX_UPSTREAM_POLICY="least_conn;" ;;
        ip_hash)     NGINX_UPSTREAM_POLICY="ip_hash;" ;;
        *) echo "render-conf.sh: NGINX_BALANCE must be round-robin, least_conn or ip_hash" >&2; exit 2 ;;
    esac
fi

names="$(grep -o '\${[A-Z][A-Z0-9_]*}' "$template" | sort -u | sed 's/^..//; s/.$//')"
for var in $names; do
    if eval "[ -z \"\${$var+set}\" ]"; then
        echo "render-conf.sh: $var is used by $template but has no value or default" >&2
        exit 2
    fi
    eval "export $var"
done

# Left to right, never rescanning a substituted value.
awk '{
    out = ""; rest = $0
    while (match(rest, /\$\{[A-Z][A-Z0-9_]*\}/)) {
        out = out substr(rest, 1, RSTART - 1) ENVIRON[substr(rest, RSTART + 2, RLENGTH - 3)]
        rest = substr(rest, RSTART + RLENGTH)
    }
    print out rest
}' "$template"
