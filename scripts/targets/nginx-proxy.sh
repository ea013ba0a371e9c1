#!/usr/bin/env bash
# Starts nginx on 127.0.0.1 as a reverse proxy (a gateway) in front of ORIGIN,
# with a self-contained configuration (no system service, no root-owned paths,
# logs and cache in the state directory): the intermediary `httpconform proxy`
# tests, ORIGIN being the address given to its --origin-listen. A shared cache
# is enabled (proxy_cache, a zone on disk in the state directory); nginx's
# defaults are kept otherwise, except the upstream timeouts, shortened to 2 s
# so that an origin that never answers gets its 504 within a case's deadline.
# usage: nginx-proxy.sh start STATE_DIR ORIGIN_HOST:PORT -> prints the URL; PID in STATE_DIR/nginx.pid
#        nginx-proxy.sh stop STATE_DIR                   -> stops it by PID
#        nginx-proxy.sh version                          -> "nginx X.Y.Z"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=nginx
nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

proxy_start() {
  [[ -x "$(nginx_bin)" ]] || ensure_pkg nginx nginx-light nginx
  mkdir -p "$state/tmp" "$state/cache"
  local user_line=""
  if [[ $(id -u) -eq 0 ]]; then
    # As root the workers run as nobody: they write the cache and the
    # buffered responses, and must reach them through the state directory.
    user_line="user nobody nogroup;"
    chmod o+x "$state"
    chown nobody "$state/tmp" "$state/cache"
  fi
  cat > "$state/nginx.conf" <<CONF
$user_line
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
  proxy_cache_path $state/cache keys_zone=objects:1m max_size=16m use_temp_path=off;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    location / {
      proxy_pass http://$origin_host:$origin_port;
      proxy_cache objects;
      proxy_connect_timeout 2s;
      proxy_read_timeout 2s;
      proxy_send_timeout 2s;
    }
  }
}
CONF
  "$(nginx_bin)" -c "$state/nginx.conf" -p "$state" -e "$state/error.log"
  wait_pidfile "$state/nginx.pid"
}
proxy_version() {
  echo "nginx $("$(nginx_bin)" -v 2>&1 | sed -n 's/^nginx version: nginx\/\([^ ]*\).*/\1/p')"
}
proxy_main nginx "$@"
