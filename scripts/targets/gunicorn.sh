#!/usr/bin/env bash
# Starts gunicorn (threaded workers) on 127.0.0.1 with the WSGI app
# tests/fixtures/servers/wsgi_whitenoise.py: WhiteNoise serving DOCROOT.
# usage: gunicorn.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg gunicorn gunicorn
  ensure_py whitenoise python3-whitenoise
  DOCROOT="$docroot" start_bg "$state" gunicorn 20 "$port" \
    gunicorn --bind "127.0.0.1:$port" --workers 1 --threads 8 --chdir "$apps_dir" \
    --worker-tmp-dir "$state" wsgi_whitenoise:application
}
target_version() { echo "gunicorn $(gunicorn --version 2>&1 | sed -n 's/.*(version \([^)]*\)).*/\1/p')"; }
target_about() { echo "WSGI app of ours: WhiteNoise $("$debian_python" -c 'import whitenoise,importlib.metadata as m; print(m.version("whitenoise"))' 2>/dev/null) over the docroot (tests/fixtures/servers/wsgi_whitenoise.py)"; }
target_main gunicorn "$@"
