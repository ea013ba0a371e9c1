#!/usr/bin/env bash
# Starts BusyBox httpd on 127.0.0.1 serving DOCROOT, in the foreground (-f)
# in its own session, with an empty configuration file of its own (so that
# /etc/httpd.conf is never read).
# usage: busybox.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg busybox busybox
    port="$(free_port)"
    : > "$state/httpd.conf"
    start_bg "$state" busybox 10 "$port" \
      busybox httpd -f -p "127.0.0.1:$port" -h "$docroot" -c "$state/httpd.conf"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/busybox.pid" ;;
  version) echo "busybox-httpd $(busybox 2>&1 | sed -n '1s/^BusyBox v\([^ ]*\).*/\1/p')" ;;
  *) usage "$0" ;;
esac
