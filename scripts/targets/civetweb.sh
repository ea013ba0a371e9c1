#!/usr/bin/env bash
# Starts the CivetWeb server (Debian's civetweb binary) on 127.0.0.1 serving
# DOCROOT, in its own session; every option on the command line, run from
# STATE_DIR so that no civetweb.conf elsewhere is read. Keep-alive is on, as
# CivetWeb's documentation recommends for serving files (its default is off).
# usage: civetweb.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg civetweb civetweb civetweb
  cd "$state"
  start_bg "$state" civetweb 10 "$port" \
    civetweb -document_root "$docroot" -listening_ports "127.0.0.1:$port" \
    -enable_keep_alive yes -enable_directory_listing no \
    -error_log_file "$state/error.log" -access_log_file "$state/access.log"
}
target_version() { echo "civetweb $(civetweb -h 2>&1 | sed -n 's/^CivetWeb v\([^,]*\),.*/\1/p')"; }
target_main civetweb "$@"
