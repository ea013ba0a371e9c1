#!/usr/bin/env bash
# Starts aiohttp on 127.0.0.1 with its own static route over DOCROOT
# (tests/fixtures/servers/aiohttp_static.py), in its own session.
# usage: aiohttp.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_py aiohttp python3-aiohttp
    port="$(free_port)"
    start_bg "$state" aiohttp 20 "$port" \
      "$debian_python" "$apps_dir/aiohttp_static.py" 127.0.0.1 "$port" "$docroot"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/aiohttp.pid" ;;
  version) echo "aiohttp $("$debian_python" -c 'import aiohttp; print(aiohttp.__version__)')" ;;
  about) echo "app of ours: one web.static route (tests/fixtures/servers/aiohttp_static.py)" ;;
  *) usage "$0" ;;
esac
