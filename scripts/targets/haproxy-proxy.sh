#!/usr/bin/env bash
# Starts HAProxy on 127.0.0.1 as a reverse proxy in front of ORIGIN (the
# address given to `httpconform proxy --origin-listen`), with its small object
# cache (a `cache` section, cache-use/cache-store) and otherwise HAProxy's
# defaults; upstream connect and server timeouts of 2 s. Self-contained: its
# configuration and PID file in STATE_DIR, no system service.
# usage: haproxy-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=haproxy
haproxy_bin() { command -v haproxy || echo /usr/sbin/haproxy; }

proxy_start() {
  ensure_pkg haproxy haproxy haproxy
  cat > "$state/haproxy.cfg" <<CONF
global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 2s
cache objects
  total-max-size 16
  max-object-size 1048576
  max-age 60
frontend gateway
  bind 127.0.0.1:$port
  default_backend origin
backend origin
  http-request cache-use objects
  http-response cache-store objects
  server origin $origin_host:$origin_port
CONF
  "$(haproxy_bin)" -c -q -f "$state/haproxy.cfg" >&2
  "$(haproxy_bin)" -D -p "$state/haproxy.pid" -f "$state/haproxy.cfg" >"$state/haproxy.log" 2>&1
  wait_pidfile "$state/haproxy.pid"
  wait_listen "$port" "$(head -n 1 "$state/haproxy.pid")" haproxy
}
proxy_version() {
  echo "haproxy $("$(haproxy_bin)" -v 2>/dev/null | sed -n 's/^HA-\?Proxy version \([^ -]*\).*/\1/p')"
}
proxy_main haproxy "$@"
