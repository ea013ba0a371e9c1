#!/usr/bin/env bash
# Starts mini_httpd on 127.0.0.1 serving DOCROOT, in the foreground (-D) in
# its own session, with a configuration file in STATE_DIR (nothing from /etc).
# Started as root it drops to nobody, as it does by default.
# usage: mini-httpd.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg mini_httpd mini-httpd mini-httpd
    port="$(free_port)"
    cat > "$state/mini_httpd.conf" <<CONF
host=127.0.0.1
port=$port
dir=$docroot
nochroot
logfile=$state/access.log
CONF
    chmod a+w "$state"
    start_bg "$state" mini-httpd 10 "$port" mini_httpd -D -C "$state/mini_httpd.conf"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/mini-httpd.pid" ;;
  version) echo "mini_httpd $(mini_httpd -V 2>&1 | sed -n 's|^mini_httpd/\([^ ]*\).*|\1|p')" ;;
  *) usage "$0" ;;
esac
