#!/usr/bin/env bash
# Starts hypercorn on 127.0.0.1 with the ASGI app
# tests/fixtures/servers/asgi_staticfiles.py (Starlette's StaticFiles over
# DOCROOT), the same app uvicorn.sh serves: what differs is the server.
# usage: hypercorn.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg hypercorn python3-hypercorn
  ensure_py starlette python3-starlette
  DOCROOT="$docroot" PYTHONPATH="$apps_dir" start_bg "$state" hypercorn 20 "$port" \
    hypercorn --bind "127.0.0.1:$port" asgi_staticfiles:app
}
target_version() { echo "hypercorn $("$debian_python" -c 'import importlib.metadata as m; print(m.version("hypercorn"))')"; }
target_about() { echo "ASGI app of ours: Starlette $("$debian_python" -c 'import starlette; print(starlette.__version__)' 2>/dev/null) StaticFiles mounted in a Starlette app over the docroot (tests/fixtures/servers/asgi_staticfiles.py)"; }
target_main hypercorn "$@"
