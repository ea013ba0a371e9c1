#!/usr/bin/env bash
# Starts webfsd on 127.0.0.1 serving DOCROOT (index.html as directory index),
# in the foreground (-F) in its own session; no system service is left up.
# usage: webfs.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg webfsd webfs webfs
  start_bg "$state" webfs 10 "$port" \
    webfsd -F -4 -i 127.0.0.1 -p "$port" -r "$docroot" -f index.html -n 127.0.0.1 \
    -L "$state/access.log"
}
target_version() { echo "webfs $(dpkg-query -W -f='${Version}' webfs 2>/dev/null | sed 's/[+-].*//')"; }
target_main webfs "$@"
