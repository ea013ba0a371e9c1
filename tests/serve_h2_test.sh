#!/usr/bin/env bash
# `httpconform serve` over HTTP/2, seen by curl (another HTTP/2 client than
# ours): h2c with prior knowledge and HTTP/1.1 on the same port, and TLS with
# ALPN h2 under --tls-self-signed; the header section as curl received it
# has lowercase names and no connection-specific field (RFC 9113 §8.2,
# §8.2.2). Also the TLS flags' usage errors. Servers on 127.0.0.1, stopped by
# PID. Exit 77 (skipped) without curl or without HTTP/2 in curl.
# usage: serve_h2_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
source "$src/tests/test_lib.sh"
command -v curl >/dev/null && curl -V | grep -q HTTP2 || { echo "no curl with HTTP/2"; exit 77; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
serve() {  # serve PORT [FLAG...]: starts serve and waits for its banner
  "$bin" serve --listen "127.0.0.1:$1" "${@:2}" >"$tmp/serve.$1" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q "listening" "$tmp/serve.$1" 2>/dev/null && return; sleep 0.05; done
}
# well_formed NAME FILE: FILE holds a header section curl wrote (-D).
well_formed() {
  says "$1: HTTP/2 200" "HTTP/2 200" "$2"
  if tail -n +2 "$2" | cut -d: -f1 | grep -q '[A-Z]'; then fail "$1: an uppercase field name"; cat "$2"; else ok "$1: lowercase names"; fi
  if grep -qiE '^(connection|keep-alive|proxy-connection|transfer-encoding|upgrade):' "$2"; then
    fail "$1: a connection-specific field"; cat "$2"
  else
    ok "$1: no connection-specific field"
  fi
}

p=$(free_port); serve "$p"
says "serve says it speaks both versions" "HTTP/1.1 and HTTP/2, h2c" "$tmp/serve.$p"
curl -sS --http2-prior-knowledge -D "$tmp/h2c" -o "$tmp/body" "http://127.0.0.1:$p/static/hello.txt"
well_formed "h2c" "$tmp/h2c"
says "h2c content" "Hello, world!" "$tmp/body"
curl -sS --http1.1 -D "$tmp/h1" -o /dev/null "http://127.0.0.1:$p/static/hello.txt"
says "HTTP/1.1 on the same port" "HTTP/1.1 200 OK" "$tmp/h1"
curl -sS --http2-prior-knowledge -I -o "$tmp/head" "http://127.0.0.1:$p/static/hello.txt"
says "HEAD over h2c: the length GET would have" "content-length: 14" "$tmp/head"

p=$(free_port); serve "$p" --tls-self-signed
says "TLS banner" "https://127.0.0.1:$p" "$tmp/serve.$p"
curl -sS -k --http2 -D "$tmp/tls" -o /dev/null "https://127.0.0.1:$p/static/hello.txt"
well_formed "TLS ALPN h2" "$tmp/tls"
curl -sS -k --http1.1 -D "$tmp/tls1" -o /dev/null "https://127.0.0.1:$p/static/hello.txt"
says "TLS ALPN http/1.1" "HTTP/1.1 200 OK" "$tmp/tls1"

"$bin" serve --listen 127.0.0.1:0 --tls-cert "$src/README.md" >"$tmp/out" 2>&1; rc=$?
check "--tls-cert without --tls-key" 2 $rc
"$bin" serve --listen 127.0.0.1:0 --tls-cert "$src/README.md" --tls-key "$src/README.md" >"$tmp/out" 2>&1; rc=$?
check "--tls-cert that is no certificate" 2 $rc
says "... says which file" "cannot use certificate $src/README.md" "$tmp/out"
finish
