#!/usr/bin/env bash
# Starts webfsd on 127.0.0.1 serving DOCROOT (index.html as directory index),
# in the foreground (-F) in its own session; no system service is left up.
# usage: webfs.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg webfsd webfs webfs
    port="$(free_port)"
    start_bg "$state" webfs 10 "$port" \
      webfsd -F -4 -i 127.0.0.1 -p "$port" -r "$docroot" -f index.html -n 127.0.0.1 \
      -L "$state/access.log"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/webfs.pid" ;;
  version) echo "webfs $(dpkg-query -W -f='${Version}' webfs 2>/dev/null | sed 's/[+-].*//')" ;;
  *) usage "$0" ;;
esac
