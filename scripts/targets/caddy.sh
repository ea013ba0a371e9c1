#!/usr/bin/env bash
# Starts Caddy on 127.0.0.1, plain HTTP only (no automatic HTTPS, admin
# endpoint off), file_server over DOCROOT. HOME and the XDG directories point
# into STATE_DIR so Caddy writes nothing elsewhere; it runs in the foreground
# in its own session and we record its PID.
# usage: caddy.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg caddy caddy caddy
    port="$(free_port)"
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
	root * $docroot
	file_server
	log {
		output file $state/access.log
	}
}
CONF
    HOME="$state" XDG_DATA_HOME="$state/data" XDG_CONFIG_HOME="$state/config" \
      setsid caddy run --config "$state/Caddyfile" --adapter caddyfile \
      >"$state/start.log" 2>&1 < /dev/null &
    echo $! > "$state/caddy.pid"
    wait_port "$port" "$(cat "$state/caddy.pid")" || { echo "caddy: not listening on $port" >&2; cat "$state/start.log" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/caddy.pid" ;;
  version) echo "caddy $(caddy version 2>/dev/null | awk '{print $1}' | sed 's/^v//')" ;;
  *) usage "$0" ;;
esac
