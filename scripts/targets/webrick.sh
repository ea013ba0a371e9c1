#!/usr/bin/env bash
# Starts Ruby's WEBrick file handler (`ruby -run -e httpd`, the un library)
# on 127.0.0.1 serving DOCROOT, in its own session.
# usage: webrick.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg ruby ruby
  ruby -rwebrick -e '' 2>/dev/null || apt_install ruby-webrick
  start_bg "$state" webrick 20 "$port" \
    ruby -run -e httpd -- --bind-address=127.0.0.1 --port="$port" "$docroot"
}
target_version() { echo "webrick $(ruby -rwebrick -e 'print WEBrick::VERSION') (ruby $(ruby -e 'print RUBY_VERSION'))"; }
target_main webrick "$@"
