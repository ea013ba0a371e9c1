#!/usr/bin/env bash
# Starts `python3 -m http.server` bound to 127.0.0.1 serving DOCROOT, in its
# own session; its PID goes to STATE_DIR/python.pid. Python is a dependency
# of the project already, so there is nothing to install.
# usage: python.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    port="$(free_port)"
    setsid python3 -m http.server --bind 127.0.0.1 --directory "$docroot" "$port" \
      >"$state/access.log" 2>&1 < /dev/null &
    echo $! > "$state/python.pid"
    wait_port "$port" "$(cat "$state/python.pid")" || { echo "python: not listening on $port" >&2; cat "$state/access.log" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/python.pid" ;;
  version) echo "python-http.server $(python3 -c 'import platform; print(platform.python_version())')" ;;
  *) usage "$0" ;;
esac
