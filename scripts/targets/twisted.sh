#!/usr/bin/env bash
# Starts Twisted Web's own static file resource (`twist web --path DOCROOT`,
# twisted.web.static.File) on 127.0.0.1, in the foreground, in its own session.
# usage: twisted.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_py twisted python3-twisted
  start_bg "$state" twisted 20 "$port" \
    "$debian_python" -m twisted web --listen "tcp:$port:interface=127.0.0.1" --path "$docroot"
}
target_version() { echo "twisted-web $("$debian_python" -c 'import twisted; print(twisted.__version__)')"; }
target_main twisted "$@"
