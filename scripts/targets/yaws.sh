#!/usr/bin/env bash
# Starts Yaws (Erlang) on 127.0.0.1 serving DOCROOT with a configuration of
# its own in STATE_DIR; HOME points there too (Yaws keeps its control files
# under it). The Erlang VM runs in the foreground without a shell
# (-noinput), in its own session, and is stopped by its PID.
# usage: yaws.sh start STATE_DIR DOCROOT | stop STATE_DIR | version
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
target_start() {
  ensure_pkg yaws yaws yaws
  mkdir -p "$state/logs"
  cat > "$state/yaws.conf" <<CONF
logdir = $state/logs
<server 127.0.0.1>
        port = $port
        listen = 127.0.0.1
        docroot = $docroot
</server>
CONF
  HOME="$state" start_bg "$state" yaws 30 "$port" \
    yaws -i --nodebug --erlarg -noinput --conf "$state/yaws.conf" --id "zoo$port"
}
target_version() { echo "yaws $(yaws --version 2>/dev/null | awk '{print $2}')"; }
target_main yaws "$@"
