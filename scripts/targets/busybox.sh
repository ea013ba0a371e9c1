#!/usr/bin/env bash
# Starts BusyBox httpd on 127.0.0.1 serving DOCROOT, in the foreground (-f)
# in its own session, with an empty configuration file of its own (so that
# /etc/httpd.conf is never read).
# usage: busybox.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg busybox busybox
  : > "$state/httpd.conf"
  start_bg "$state" busybox 10 "$port" \
    busybox httpd -f -p "127.0.0.1:$port" -h "$docroot" -c "$state/httpd.conf"
}
target_version() { echo "busybox-httpd $(busybox 2>&1 | sed -n '1s/^BusyBox v\([^ ]*\).*/\1/p')"; }
target_main busybox "$@"
