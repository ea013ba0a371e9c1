#!/usr/bin/env bash
# Starts h2o on 127.0.0.1 with a self-contained configuration (file.dir only,
# logs and PID in STATE_DIR, /etc/h2o never read). h2o runs in the foreground
# in its own session (its daemon mode needs a Perl wrapper); we record its PID.
# usage: h2o.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
cmd="${1:-}"

case "$cmd" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg h2o h2o h2o
    port="$(free_port)"
    # As root, h2o drops privileges to `user` (default nobody) after binding.
    user_line=""
    if [[ $(id -u) -eq 0 ]]; then user_line="user: nobody"; fi
    cat > "$state/h2o.conf" <<CONF
listen:
  host: 127.0.0.1
  port: $port
$user_line
error-log: $state/error.log
num-threads: 2
file.mime.addtypes:
  text/html: .html
  text/plain: .txt
hosts:
  default:
    paths:
      /:
        file.dir: $docroot
    access-log: $state/access.log
CONF
    touch "$state/error.log" "$state/access.log"
    [[ $(id -u) -eq 0 ]] && chown nobody "$state/error.log" "$state/access.log" 2>/dev/null || true
    setsid h2o -m worker -c "$state/h2o.conf" >"$state/start.log" 2>&1 < /dev/null &
    echo $! > "$state/h2o.pid"
    wait_port "$port" "$(cat "$state/h2o.pid")" || { echo "h2o: not listening on $port" >&2; cat "$state/start.log" "$state/error.log" >&2; exit 1; }
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/h2o.pid" ;;
  version) echo "h2o $(h2o -v 2>/dev/null | sed -n 's/^h2o version \([^ ]*\).*/\1/p')" ;;
  *) usage "$0" ;;
esac
