#!/bin/sh
# Makes a self-signed TLS certificate for local WSS: nginx terminates wss:// with it, and a backend can use
# the same pair (TLS_CERT/TLS_KEY). Clients must be told to trust it (wscat -n, websocat -k, or a trust
# store holding localhost.pem, as the wsbench tests do).
#
#   nginx/gen-cert.sh [out-dir]          (default: nginx/certs next to this script)
#   CERT_EXTRA_SANS="DNS:ws-nginx" nginx/gen-cert.sh   adds names, e.g. a Compose service name
#
# Writes <out-dir>/localhost.pem (certificate) and <out-dir>/localhost-key.pem (unencrypted PKCS#8 key,
# "BEGIN PRIVATE KEY": what OpenSSL 3 writes, what nginx reads and what core's PemKeys requires).
# A leaf certificate (CA:FALSE, serverAuth) with SAN localhost and 127.0.0.1: clients match the SAN, not the CN.
set -eu

out="${1:-$(dirname "$0")/certs}"
days="${CERT_DAYS:-825}"
sans="DNS:localhost, IP:127.0.0.1${CERT_EXTRA_SANS:+, $CERT_EXTRA_SANS}"

if ! command -v openssl >/dev/null 2>&1; then
    echo "gen-cert.sh: openssl not found; install it (Debian/Ubuntu: apt-get install -y openssl)" >&2
    exit 1
fi
mkdir -p "$out"

# Our own request config, so the result does not depend on the system openssl.cnf
# (Debian's marks `req -x509` certificates as CA certificates).
config="$out/.openssl-req.cnf"
trap 'rm -f "$config"' EXIT
cat > "$config" <<CNF
[req]
prompt = no
distinguished_name = dn
x509_extensions = leaf
[dn]
CN = localhost
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = $sans
CNF

# genpkey always writes PKCS#8, on OpenSSL 1.1 as well as 3.
(umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/localhost-key.pem" 2>/dev/null)
openssl req -new -x509 -sha256 -days "$days" -config "$config" \
    -key "$out/localhost-key.pem" -out "$out/localhost.pem"
chmod 644 "$out/localhost.pem"

echo "gen-cert.sh: wrote $out/localhost.pem and $out/localhost-key.pem (SAN: $sans)"
