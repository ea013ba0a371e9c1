#!/usr/bin/env bash
# Starts Varnish Cache on 127.0.0.1 in front of ORIGIN (the address given to
# `httpconform proxy --origin-listen`) with its built-in VCL (-b: the default
# backend and the default caching logic) and a small malloc storage; backend
# connect, first-byte and between-bytes timeouts of 2 s. Self-contained: its
# working directory (-n), shared memory log and PID file in STATE_DIR, no
# system service.
# usage: varnish-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=varnishd
varnishd_bin() { command -v varnishd || echo /usr/sbin/varnishd; }

proxy_start() {
  ensure_pkg varnishd varnish varnish
  "$(varnishd_bin)" -a "127.0.0.1:$port" -b "$origin_host:$origin_port" \
    -n "$state/work" -P "$state/varnish.pid" -s malloc,32m -T none \
    -p connect_timeout=2 -p first_byte_timeout=2 -p between_bytes_timeout=2 \
    >"$state/varnish.log" 2>&1
  wait_pidfile "$state/varnish.pid"
  wait_listen "$port" "$(cat "$state/varnish.pid")" varnish
}
proxy_version() {
  echo "varnish $("$(varnishd_bin)" -V 2>&1 | sed -n 's/.*(varnish-\([^ ]*\) .*/\1/p')"
}
proxy_main varnish "$@"
