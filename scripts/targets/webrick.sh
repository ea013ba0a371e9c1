#!/usr/bin/env bash
# Starts Ruby's WEBrick file handler (`ruby -run -e httpd`, the un library)
# on 127.0.0.1 serving DOCROOT, in its own session.
# usage: webrick.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
case "${1:-}" in
  start)
    state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
    docroot="$(cd "${3:?docroot}" && pwd)"
    ensure_pkg ruby ruby
    ruby -rwebrick -e '' 2>/dev/null || apt_install ruby-webrick
    port="$(free_port)"
    start_bg "$state" webrick 20 "$port" \
      ruby -run -e httpd -- --bind-address=127.0.0.1 --port="$port" "$docroot"
    echo "http://127.0.0.1:$port/"
    ;;
  stop) stop_pidfile "${2:?state directory}/webrick.pid" ;;
  version) echo "webrick $(ruby -rwebrick -e 'print WEBrick::VERSION') (ruby $(ruby -e 'print RUBY_VERSION'))" ;;
  *) usage "$0" ;;
esac
