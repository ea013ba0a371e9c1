#!/usr/bin/env bash
# Starts lighttpd on 127.0.0.1 with a self-contained configuration (static
# files only, logs and PID in STATE_DIR, /etc/lighttpd never read).
# usage: lighttpd.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"
lighttpd_bin() { command -v lighttpd || echo /usr/sbin/lighttpd; }

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg lighttpd lighttpd lighttpd
    port="$(free_port)"
    cat > "$state/lighttpd.conf" <<CONF
server.document-root = "$docroot"
server.bind = "127.0.0.1"
server.port = $port
server.pid-file = "$state/lighttpd.pid"
server.errorlog = "$state/error.log"
server.modules = ( "mod_indexfile", "mod_staticfile", "mod_accesslog" )
accesslog.filename = "$state/access.log"
index-file.names = ( "index.html" )
mimetype.assign = ( ".html" => "text/html", ".txt" => "text/plain" )
CONF
    # Without -D, lighttpd daemonizes and writes its PID file.
    "$(lighttpd_bin)" -f "$state/lighttpd.conf" >"$state/start.log" 2>&1 ||
      { cat "$state/start.log" "$state/error.log" >&2 2>/dev/null; exit 1; }
    wait_pidfile "$state/lighttpd.pid" || { echo "lighttpd: no PID file" >&2; exit 1; }
    wait_port "$port" || { echo "lighttpd: not listening on $port" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/lighttpd.pid" ;;
  version) echo "lighttpd $("$(lighttpd_bin)" -v 2>/dev/null | sed -n 's/^lighttpd\/\([^ ]*\).*/\1/p')" ;;
  *) usage "$0" ;;
esac
