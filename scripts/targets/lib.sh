#!/usr/bin/env bash
# Shared helpers of the target scripts (sourced, not run). Every target script
# has the same interface:
#   NAME.sh start STATE_DIR DOCROOT  -> installs the server if missing, starts it
#                                       on 127.0.0.1:<free port>, prints the URL
#   NAME.sh stop STATE_DIR           -> stops it by the PID in STATE_DIR
#   NAME.sh version                  -> prints "name version" (one line)
#   NAME.sh about                    -> (optional) one line: how the files are
#                                       served when it is not the server's own
#                                       file handling (an application of ours)
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
  local bin="$1"
  command -v "$bin" >/dev/null 2>&1 && return 0
  [[ -x "/usr/sbin/$bin" ]] && return 0
  apt_install "$2" "${3:-}"
}

# apt_install PACKAGE [SERVICE]: the install step of ensure_pkg, unconditional.
apt_install() {
  local pkg="$1" service="${2:-}"
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

# wait_port PORT [PID [SECONDS]]: waits up to SECONDS (default 10) until
# something accepts on 127.0.0.1:PORT; gives up at once if process PID (when
# given) has died.
wait_port() {
  local port="$1" pid="${2:-}" seconds="${3:-10}"
  for _ in $(seq 1 $((seconds * 10))); do
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

# wait_http PORT SECONDS: waits until a GET / on 127.0.0.1:PORT gets any
# HTTP response (whatever its status). A JVM server accepts connections
# well before its first answer (Tomcat took more than 3 s for it here), and
# a run must not spend its first probes on that warm-up.
wait_http() {
  "$debian_python" - "$1" "$2" <<'PY'
import http.client, sys, time
port, seconds = int(sys.argv[1]), float(sys.argv[2])
end = time.monotonic() + seconds
while True:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=max(1.0, end - time.monotonic()))
        c.request("GET", "/")
        c.getresponse().read()
        sys.exit(0)
    except Exception:
        if time.monotonic() >= end:
            sys.exit(1)
        time.sleep(0.2)
PY
}

# start_bg STATE NAME SECONDS PORT COMMAND...: runs COMMAND in its own
# session (standard input /dev/null, output in STATE/NAME.log), records its
# PID in STATE/NAME.pid and waits up to SECONDS for 127.0.0.1:PORT to accept
# and answer one GET (wait_http); on failure prints the log, stops the
# process and returns 1. Environment variables set on the call reach COMMAND.
start_bg() {
  local state="$1" name="$2" seconds="$3" port="$4"
  shift 4
  setsid "$@" >"$state/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
  if ! wait_port "$port" "$(cat "$state/$name.pid")" "$seconds" ||
     ! wait_http "$port" "$seconds"; then
    echo "$name: not answering on 127.0.0.1:$port after ${seconds}s" >&2
    tail -n 30 "$state/$name.log" >&2
    stop_pidfile "$state/$name.pid"
    return 1
  fi
}

# The Python of Debian's packages (python3-*): a python3 earlier on PATH
# (pyenv, a virtualenv) would not see them.
debian_python=/usr/bin/python3

# ensure_py MODULE PACKAGE: installs PACKAGE when Debian's Python cannot import MODULE.
ensure_py() {
  "$debian_python" -c "import $1" 2>/dev/null && return 0
  apt_install "$2"
}

# The directory of applications and programs written for servers that do
# not serve files by themselves (tests/fixtures/servers).
apps_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../tests/fixtures/servers" && pwd)"

usage() {
  echo "usage: $1 start STATE_DIR DOCROOT | stop STATE_DIR | version | about" >&2
  exit 2
}

# target_main NAME "$@": the interface above for a script that defines
# target_start (install what is missing, start the server on $port serving
# $docroot, its state and PID file NAME.pid in $state: start_bg does it),
# target_version and, when an application of ours serves the files,
# target_about. The script ends with `target_main NAME "$@"`.
target_main() {
  local name="$1"
  shift
  case "${1:-}" in
    start)
      state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
      docroot="$(cd "${3:?docroot}" && pwd)"
      port="$(free_port)"
      target_start
      echo "http://127.0.0.1:$port/"
      ;;
    stop) stop_pidfile "${2:?state directory}/$name.pid" ;;
    version) target_version ;;
    about) declare -F target_about >/dev/null && target_about ;;
    *) usage "$0" ;;
  esac
}

# proxy_main NAME "$@": the interface of an intermediary script
# (scripts/targets/NAME-proxy.sh), the intermediaries `httpconform proxy` tests:
#   NAME-proxy.sh start STATE_DIR ORIGIN_HOST:PORT -> installs what is missing,
#       starts the intermediary on 127.0.0.1:<free port> as a gateway (reverse
#       proxy) in front of ORIGIN (loopback only), or as a forward proxy that
#       reaches it, prints its URL
#   NAME-proxy.sh stop STATE_DIR -> stops it by the PID in STATE_DIR
#   NAME-proxy.sh version        -> "name version"
#   NAME-proxy.sh installed      -> exit 0 when its program is installed
#   NAME-proxy.sh run-args       -> the flags its runs add: --jobs (4 unless
#                                   the script sets proxy_jobs), and
#                                   --forward when it sets proxy_forward=1
#                                   (a forward proxy, not a gateway)
# The script sets proxy_bin (its program's name, looked up on PATH and in
# /usr/sbin) and defines proxy_start (starts it on $port forwarding to
# $origin_host:$origin_port, state and PID file NAME.pid in $state; upstream
# timeouts of 2 s, so that an origin that never answers gets its 504 well
# within a case's deadline), proxy_version and, when stopping takes more than
# a TERM to NAME.pid, proxy_stop. It ends with `proxy_main NAME "$@"`.
proxy_main() {
  local name="$1"
  shift
  case "${1:-}" in
    start)
      state="$(mkdir -p "${2:?state directory}" && cd "$2" && pwd)"
      origin="${3:?origin HOST:PORT}"
      case "$origin" in
        127.*:*|localhost:*) ;;
        *) echo "$name-proxy.sh: the origin must be on loopback, got $origin" >&2; exit 2 ;;
      esac
      origin_host="${origin%:*}"
      origin_port="${origin##*:}"
      [[ "$origin_host" == localhost ]] && origin_host=127.0.0.1
      port="$(free_port)"
      proxy_start
      echo "http://127.0.0.1:$port/"
      ;;
    stop)
      state="${2:?state directory}"
      if declare -F proxy_stop >/dev/null; then proxy_stop; else stop_pidfile "$state/$name.pid"; fi
      ;;
    version) proxy_version ;;
    installed) command -v "$proxy_bin" >/dev/null 2>&1 || [[ -x "/usr/sbin/$proxy_bin" ]] ;;
    run-args)
      echo "--jobs ${proxy_jobs:-4}${proxy_forward:+ --forward}" ;;
    *) echo "usage: $0 start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version | installed | run-args" >&2
       exit 2 ;;
  esac
}

# wait_listen PORT PID NAME: waits until the intermediary accepts on PORT;
# on failure prints the logs in $state and stops PID.
wait_listen() {
  wait_port "$1" "$2" 15 && return 0
  echo "$3: not listening on 127.0.0.1:$1" >&2
  tail -n 30 "$state"/*.log >&2 2>/dev/null
  kill "$2" 2>/dev/null
  return 1
}
