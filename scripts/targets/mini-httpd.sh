#!/usr/bin/env bash
# Starts mini_httpd on 127.0.0.1 serving DOCROOT, in the foreground (-D) in
# its own session, with a configuration file in STATE_DIR (nothing from /etc).
# Started as root it drops to nobody, as it does by default.
# usage: mini-httpd.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg mini_httpd mini-httpd mini-httpd
  cat > "$state/mini_httpd.conf" <<CONF
host=127.0.0.1
port=$port
dir=$docroot
nochroot
logfile=$state/access.log
CONF
  chmod a+w "$state"
  start_bg "$state" mini-httpd 10 "$port" mini_httpd -D -C "$state/mini_httpd.conf"
}
target_version() { echo "mini_httpd $(mini_httpd -V 2>&1 | sed -n 's|^mini_httpd/\([^ ]*\).*|\1|p')"; }
target_main mini-httpd "$@"
