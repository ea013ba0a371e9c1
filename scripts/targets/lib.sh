#!/usr/bin/env bash
# Shared helpers of the target scripts (sourced, not run). Every target script
# has the same interface:
#   NAME.sh start STATE_DIR DOCROOT  -> installs the server if missing, starts it
#                                       on 127.0.0.1:<free port>, prints the URL
#   NAME.sh stop STATE_DIR           -> stops it by the PID in STATE_DIR
#   NAME.sh version                  -> prints "name version" (one line)
# Configurations are self-contained: nothing under /etc is read or written,
# logs and PID files go to STATE_DIR, and no system service is left running.

# A free TCP port on 127.0.0.1 (racy by nature, but only we use loopback here).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# ensure_pkg BINARY PACKAGE [SERVICE]: installs PACKAGE with apt-get when BINARY
# is missing (idempotent: nothing happens when it is there), running
# `apt-get update` once only if the first install cannot find the package, and
# stops/disables SERVICE so no system instance stays up.
ensure_pkg() {
  local bin="$1" pkg="$2" service="${3:-}"
  command -v "$bin" >/dev/null 2>&1 && return 0
  [[ -x "/usr/sbin/$bin" ]] && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install $pkg" >&2; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >&2; then
    "${sudo[@]}" apt-get update -qq >&2
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" >&2 || return 1
  fi
  if [[ -n "$service" ]]; then
    if command -v systemctl >/dev/null 2>&1; then
      "${sudo[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
    fi
    if command -v service >/dev/null 2>&1; then
      "${sudo[@]}" service "$service" stop >/dev/null 2>&1 || true
    fi
  fi
}

# wait_port PORT [PID]: waits up to 10 s until something accepts on
# 127.0.0.1:PORT; gives up at once if process PID (when given) has died.
wait_port() {
  local port="$1" pid="${2:-}"
  for _ in $(seq 1 100); do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$port)))" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# wait_pidfile FILE: waits up to 5 s for a non-empty PID file.
wait_pidfile() {
  for _ in $(seq 1 50); do
    [[ -s "$1" ]] && return 0
    sleep 0.1
  done
  return 1
}

# stop_pidfile FILE: TERM the PID in FILE, wait up to 5 s, then KILL.
stop_pidfile() {
  local file="$1" pid
  [[ -s "$file" ]] || return 0
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

usage() {
  echo "usage: $1 start STATE_DIR DOCROOT | stop STATE_DIR | version" >&2
  exit 2
}
