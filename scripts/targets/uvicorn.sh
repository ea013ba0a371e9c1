#!/usr/bin/env bash
# Starts uvicorn on 127.0.0.1 with the ASGI app
# tests/fixtures/servers/asgi_staticfiles.py: Starlette's StaticFiles over DOCROOT.
# usage: uvicorn.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg uvicorn uvicorn
  ensure_py starlette python3-starlette
  DOCROOT="$docroot" start_bg "$state" uvicorn 20 "$port" \
    uvicorn --host 127.0.0.1 --port "$port" --app-dir "$apps_dir" --no-access-log \
    asgi_staticfiles:app
}
target_version() { echo "uvicorn $(uvicorn --version 2>&1 | sed -n 's/.*uvicorn \([0-9][^ ]*\).*/\1/p')"; }
target_about() { echo "ASGI app of ours: Starlette $("$debian_python" -c 'import starlette; print(starlette.__version__)' 2>/dev/null) StaticFiles mounted in a Starlette app over the docroot (tests/fixtures/servers/asgi_staticfiles.py)"; }
target_main uvicorn "$@"
