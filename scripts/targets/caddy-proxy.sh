#!/usr/bin/env bash
# Starts Caddy on 127.0.0.1 as a reverse proxy (reverse_proxy) in front of
# ORIGIN (the address given to `httpconform proxy --origin-listen`); Caddy has
# no cache of its own. Its defaults are kept except the upstream dial and
# response-header timeouts, 2 s, so that an origin that never answers gets
# its 504 within a case's deadline. Self-contained: no admin endpoint, no
# automatic HTTPS, storage, logs and PID in STATE_DIR, no system service.
# usage: caddy-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
proxy_bin=caddy

proxy_start() {
  ensure_pkg caddy caddy caddy
  cat > "$state/Caddyfile" <<CONF
{
	admin off
	auto_https off
	storage file_system $state/data
	log {
		output file $state/error.log
	}
}
http://127.0.0.1:$port {
	bind 127.0.0.1
	reverse_proxy $origin_host:$origin_port {
		transport http {
			dial_timeout 2s
			response_header_timeout 2s
		}
	}
}
CONF
  HOME="$state" XDG_CONFIG_HOME="$state" XDG_DATA_HOME="$state" \
    setsid caddy run --config "$state/Caddyfile" --adapter caddyfile \
    >"$state/caddy.log" 2>&1 </dev/null &
  echo $! >"$state/caddy.pid"
  wait_listen "$port" "$(cat "$state/caddy.pid")" caddy
}
proxy_version() { echo "caddy $(caddy version 2>/dev/null | sed -n 's/^v\{0,1\}\([0-9][^ ]*\).*/\1/p')"; }
proxy_main caddy "$@"
