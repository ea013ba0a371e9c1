#!/usr/bin/env bash
# Starts Tornado on 127.0.0.1 with its own StaticFileHandler over DOCROOT
# (tests/fixtures/servers/tornado_static.py), in its own session.
# usage: tornado.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_py tornado python3-tornado
    port="$(free_port)"
    start_bg "$state" tornado 20 "$port" \
      "$debian_python" "$apps_dir/tornado_static.py" 127.0.0.1 "$port" "$docroot"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/tornado.pid" ;;
  version) echo "tornado $("$debian_python" -c 'import tornado; print(tornado.version)')" ;;
  about) echo "app of ours: one StaticFileHandler route (tests/fixtures/servers/tornado_static.py)" ;;
  *) usage "$0" ;;
esac
