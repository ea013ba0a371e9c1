#!/usr/bin/env bash
# Starts gunicorn (threaded workers) on 127.0.0.1 with the WSGI app
# tests/fixtures/servers/wsgi_whitenoise.py: WhiteNoise serving DOCROOT.
# usage: gunicorn.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg gunicorn gunicorn
    ensure_py whitenoise python3-whitenoise
    port="$(free_port)"
    DOCROOT="$docroot" start_bg "$state" gunicorn 20 "$port" \
      gunicorn --bind "127.0.0.1:$port" --workers 1 --threads 8 --chdir "$apps_dir" \
      --worker-tmp-dir "$state" wsgi_whitenoise:application
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/gunicorn.pid" ;;
  version) echo "gunicorn $(gunicorn --version 2>&1 | sed -n 's/.*(version \([^)]*\)).*/\1/p')" ;;
  about) echo "WSGI app of ours: WhiteNoise $("$debian_python" -c 'import whitenoise,importlib.metadata as m; print(m.version("whitenoise"))' 2>/dev/null) over the docroot (tests/fixtures/servers/wsgi_whitenoise.py)" ;;
  *) usage "$0" ;;
esac
