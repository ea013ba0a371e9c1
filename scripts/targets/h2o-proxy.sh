#!/usr/bin/env bash
# Starts h2o on 127.0.0.1 as a reverse proxy (proxy.reverse.url) in front of
# ORIGIN (the address given to `httpconform proxy --origin-listen`), in master
# mode (see proxy_jobs below); h2o has no cache. Its defaults are kept except
# the upstream I/O timeout, 2 s, so that an origin that never answers gets its
# 504 within a case's deadline.
# Self-contained: configuration, logs and PID in STATE_DIR, no system service.
# usage: h2o-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=h2o
# h2o 2.2.5 aborts on an invalid upstream Content-Length (docs/compatibility.md,
# "Proxies"). It runs in master mode: start_server holds the listening socket
# and starts a new worker when one dies, so the cases after it are still
# judged; one case at a time, so that no other case is in flight when it does.
proxy_jobs=1

proxy_start() {
  ensure_pkg h2o h2o h2o
  local user_line=""
  [[ $(id -u) -eq 0 ]] && user_line="user: nobody"
  cat > "$state/h2o.conf" <<CONF
listen:
  host: 127.0.0.1
  port: $port
$user_line
error-log: $state/error.log
num-threads: 2
proxy.timeout.io: 2000
hosts:
  default:
    paths:
      /:
        proxy.reverse.url: http://$origin_host:$origin_port/
    access-log: $state/access.log
CONF
  touch "$state/error.log" "$state/access.log"
  [[ $(id -u) -eq 0 ]] && chown nobody "$state/error.log" "$state/access.log"
  setsid h2o -m master -c "$state/h2o.conf" >"$state/h2o.log" 2>&1 </dev/null &
  echo $! >"$state/h2o.pid"
  wait_listen "$port" "$(cat "$state/h2o.pid")" h2o
}
proxy_version() { echo "h2o $(h2o -v 2>/dev/null | sed -n 's/^h2o version \([^ ]*\).*/\1/p')"; }
proxy_main h2o "$@"
