#!/usr/bin/env bash
# Starts Twisted Web's own static file resource (`twist web --path DOCROOT`,
# twisted.web.static.File) on 127.0.0.1, in the foreground, in its own session.
# usage: twisted.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_py twisted python3-twisted
    port="$(free_port)"
    start_bg "$state" twisted 20 "$port" \
      "$debian_python" -m twisted web --listen "tcp:$port:interface=127.0.0.1" --path "$docroot"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/twisted.pid" ;;
  version) echo "twisted-web $("$debian_python" -c 'import twisted; print(twisted.__version__)')" ;;
  *) usage "$0" ;;
esac
