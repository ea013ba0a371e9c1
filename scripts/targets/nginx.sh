#!/usr/bin/env bash
# Starts nginx on 127.0.0.1 with a self-contained configuration (no system
# service, no root-owned paths, logs in the state directory) serving DOCROOT.
# usage: nginx.sh start STATE_DIR DOCROOT   -> prints the URL; PID in STATE_DIR/nginx.pid
#        nginx.sh stop STATE_DIR            -> stops it by PID
#        nginx.sh version                   -> "nginx X.Y.Z"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:?usage: nginx.sh start|stop STATE_DIR [DOCROOT] | version}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
if [[ "$cmd" == version ]]; then
  echo "nginx $("$nginx_bin" -v 2>&1 | sed -n 's/^nginx version: nginx\/\([^ ]*\).*/\1/p')"
  exit 0
fi
state="${2:?state directory}"

case "$cmd" in
  start)
    docroot="$(cd "${3:?docroot}" && pwd)"
    [[ -x "$nginx_bin" ]] || { ensure_pkg nginx nginx-light nginx; nginx_bin="$(command -v nginx)"; }
    mkdir -p "$state/tmp"
    port="$(free_port)"
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
  types { text/html html; text/plain txt; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    root $docroot;
  }
}
CONF
    "$nginx_bin" -c "$state/nginx.conf" -p "$state" -e "$state/error.log"
    for _ in $(seq 1 50); do
      [[ -s "$state/nginx.pid" ]] && break
      sleep 0.1
    done
    echo "http://127.0.0.1:$port/"
    ;;
  stop)
    if [[ -s "$state/nginx.pid" ]]; then
      pid="$(cat "$state/nginx.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  *) echo "usage: nginx.sh start|stop STATE_DIR [DOCROOT]" >&2; exit 2 ;;
esac
