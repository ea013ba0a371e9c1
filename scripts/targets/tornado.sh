#!/usr/bin/env bash
# Starts Tornado on 127.0.0.1 with its own StaticFileHandler over DOCROOT
# (tests/fixtures/servers/tornado_static.py), in its own session.
# usage: tornado.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_py tornado python3-tornado
  start_bg "$state" tornado 20 "$port" \
    "$debian_python" "$apps_dir/tornado_static.py" 127.0.0.1 "$port" "$docroot"
}
target_version() { echo "tornado $("$debian_python" -c 'import tornado; print(tornado.version)')"; }
target_about() { echo "app of ours: one StaticFileHandler route (tests/fixtures/servers/tornado_static.py)"; }
target_main tornado "$@"
