#!/usr/bin/env bash
# Starts nginx on 127.0.0.1 as a reverse proxy (a gateway) in front of ORIGIN,
# with a self-contained configuration (no system service, no root-owned paths,
# logs in the state directory): the intermediary `httpconform proxy` tests,
# ORIGIN being the address given to its --origin-listen. nginx's defaults are
# kept except the upstream timeouts, shortened to 2 s so that an origin that
# never answers gets its 504 within a case's deadline. With `cache` after the
# origin, nginx is a caching reverse proxy too (proxy_cache with its defaults:
# it stores what the origin's Cache-Control, Expires or X-Accel-Expires allow).
# usage: nginx-proxy.sh start STATE_DIR ORIGIN_HOST:PORT [cache] -> prints the URL; PID in STATE_DIR/nginx.pid
#        nginx-proxy.sh stop STATE_DIR                   -> stops it by PID
#        nginx-proxy.sh version                          -> "nginx X.Y.Z"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:?usage: nginx-proxy.sh start|stop STATE_DIR [ORIGIN_HOST:PORT] | version}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [[ "$cmd" == version ]]; then
  echo "nginx $("$nginx_bin" -v 2>&1 | sed -n 's/^nginx version: nginx\/\([^ ]*\).*/\1/p')"
  exit 0
fi
state="${2:?state directory}"

case "$cmd" in
  start)
    origin="${3:?origin HOST:PORT}"
    case "$origin" in
      127.*:*|localhost:*|\[::1\]:*) ;;
      *) echo "nginx-proxy.sh: the origin must be on loopback, got $origin" >&2; exit 2 ;;
    esac
    [[ -x "$nginx_bin" ]] || { ensure_pkg nginx nginx-light nginx; nginx_bin="$(command -v nginx)"; }
    mkdir -p "$state/tmp"
    port="$(free_port)"
    cache_path="" cache_use=""
    if [[ "${4:-}" == cache ]]; then
      # nginx's workers (not root) write the cache: they must reach it.
      mkdir -p "$state/cache"
      chmod o+x "$state"
      chmod 0777 "$state/cache"
      cache_path="proxy_cache_path $state/cache keys_zone=hc:1m max_size=64m;"
      cache_use="proxy_cache hc;"
    fi
    cat > "$state/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $state/nginx.pid;
error_log $state/error.log warn;
events { worker_connections 256; }
http {
  access_log $state/access.log;
  client_body_temp_path $state/tmp/body;
  proxy_temp_path $state/tmp/proxy;
  fastcgi_temp_path $state/tmp/fastcgi;
  uwsgi_temp_path $state/tmp/uwsgi;
  scgi_temp_path $state/tmp/scgi;
  $cache_path
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    location / {
      proxy_pass http://$origin;
      proxy_connect_timeout 2s;
      proxy_read_timeout 2s;
      proxy_send_timeout 2s;
      $cache_use
    }
  }
}
CONF
    "$nginx_bin" -c "$state/nginx.conf" -p "$state" -e "$state/error.log"
    wait_pidfile "$state/nginx.pid"
    echo "http://127.0.0.1:$port/"
    ;;
  stop)
    stop_pidfile "$state/nginx.pid"
    ;;
  *) echo "usage: nginx-proxy.sh start|stop STATE_DIR [ORIGIN_HOST:PORT [cache]]" >&2; exit 2 ;;
esac
