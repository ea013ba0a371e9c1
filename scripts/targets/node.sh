#!/usr/bin/env bash
# Starts the deliberately minimal Node static server
# (tests/fixtures/node_static_server.js, Node's `http` module only) on
# 127.0.0.1, in its own session; its PID goes to STATE_DIR/node.pid.
# usage: node.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"
server_js="$here/../../tests/fixtures/node_static_server.js"
node_bin() { command -v node || command -v nodejs; }

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    node_bin >/dev/null || ensure_pkg node nodejs
    port="$(free_port)"
    setsid "$(node_bin)" "$server_js" 127.0.0.1 "$port" "$docroot" \
      >"$state/access.log" 2>"$state/error.log" < /dev/null &
    echo $! > "$state/node.pid"
    wait_port "$port" "$(cat "$state/node.pid")" || { echo "node: not listening on $port" >&2; cat "$state/error.log" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/node.pid" ;;
  version) echo "node-static $("$(node_bin)" --version | sed 's/^v//')" ;;
  *) usage "$0" ;;
esac
