#!/usr/bin/env bash
# Starts aiohttp on 127.0.0.1 with its own static route over DOCROOT
# (tests/fixtures/servers/aiohttp_static.py), in its own session.
# usage: aiohttp.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_py aiohttp python3-aiohttp
  start_bg "$state" aiohttp 20 "$port" \
    "$debian_python" "$apps_dir/aiohttp_static.py" 127.0.0.1 "$port" "$docroot"
}
target_version() { echo "aiohttp $("$debian_python" -c 'import aiohttp; print(aiohttp.__version__)')"; }
target_about() { echo "app of ours: one web.static route (tests/fixtures/servers/aiohttp_static.py)"; }
target_main aiohttp "$@"
