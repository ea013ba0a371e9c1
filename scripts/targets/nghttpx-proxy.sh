#!/usr/bin/env bash
# Starts nghttpx (nghttp2's proxy) on 127.0.0.1 as a reverse proxy, cleartext
# HTTP/1.1 on both sides, in front of ORIGIN (the address given to
# `httpconform proxy --origin-listen`); nghttpx has no cache. Its defaults
# are kept (it adds Via) except the backend connect and read timeouts, 2 s,
# so that an origin that never answers gets its 504 within a case's deadline.
# Self-contained: an empty configuration file of its own (the system's is not
# read), logs and PID file in STATE_DIR, no system service.
# usage: nghttpx-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=nghttpx

proxy_start() {
  ensure_pkg nghttpx nghttp2-proxy nghttpx
  : >"$state/nghttpx.conf"
  setsid nghttpx --conf="$state/nghttpx.conf" --frontend="127.0.0.1,$port;no-tls" \
    --backend="$origin_host,$origin_port" --workers=1 \
    --backend-connect-timeout=2s --backend-read-timeout=2s \
    --errorlog-file="$state/error.log" --accesslog-file="$state/access.log" \
    >"$state/nghttpx.log" 2>&1 </dev/null &
  echo $! >"$state/nghttpx.pid"
  wait_listen "$port" "$(cat "$state/nghttpx.pid")" nghttpx
}
proxy_version() { echo "nghttpx $(nghttpx --version 2>/dev/null | sed -n 's/^nghttpx nghttp2\/\([^ ]*\).*/\1/p')"; }
proxy_main nghttpx "$@"
