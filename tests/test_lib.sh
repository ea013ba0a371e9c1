# Sourced by integration test scripts (target_kind, replay_record,
# cli_messages): a temporary directory, processes stopped by PID on exit,
# checks that print "ok:" or "FAIL:" lines, and the final verdict.
tmp="$(mktemp -d)"
pids=()       # Started in the background; killed and reaped on exit.
on_exit=()    # Extra commands run on exit (e.g. stopping nginx by its PID file).
failures=0
_test_lib_cleanup() {
  local p c
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for c in "${on_exit[@]}"; do eval "$c"; done
  rm -rf "$tmp"
}
trap _test_lib_cleanup EXIT

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures+1)); }
check() {  # check NAME WANT_RC GOT_RC
  if [[ "$2" != "$3" ]]; then fail "$1: exit $3, want $2"; else ok "$1"; fi
}
says() {  # says NAME TEXT FILE: FILE contains TEXT
  if grep -qF -- "$2" "$3"; then ok "$1"; else fail "$1: no \"$2\" in:"; cat "$3"; fi
}
lacks() {  # lacks NAME TEXT FILE: FILE does not contain TEXT
  if grep -qF -- "$2" "$3"; then fail "$1: \"$2\" in:"; cat "$3"; else ok "$1"; fi
}
# start_fixture SCRIPT MODE [ARG...]: runs python3 tests/fixtures/SCRIPT MODE
# PORT_FILE ARG... in the background (loopback servers that bind port 0 and
# write it to PORT_FILE) and sets $port once it is written. Needs $src.
start_fixture() {
  local script="$1" mode="$2"; shift 2
  rm -f "$tmp/port"
  python3 "$src/tests/fixtures/$script" "$mode" "$tmp/port" "$@" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [[ -s "$tmp/port" ]] && break; sleep 0.05; done
  port="$(cat "$tmp/port")"
}
finish() {
  echo "$failures failure(s)"
  [[ $failures -eq 0 ]]
}
