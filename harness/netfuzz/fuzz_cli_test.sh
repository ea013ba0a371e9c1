#!/usr/bin/env bash
# `httpconform fuzz` end to end against the embedded reference server on
# loopback: each netfuzz fault is found with a fixed seed, its saved case
# lints, fails when replayed against the faulty server and passes against the
# clean one; a clean server gives no finding in a 20-second run; the JSON
# report validates against reports/fuzz-report.schema.json and the HTML
# report is written. Every server is started by this script and stopped by PID.
# usage: fuzz_cli_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"
src="$2"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_server [FAULT]: sets $url; the PID is remembered for cleanup.
start_server() {
  local port; port="$(free_port)"
  if [[ $# -gt 0 ]]; then
    "$bin" serve --listen "127.0.0.1:$port" --violate "$1" >/dev/null 2>&1 &
  else
    "$bin" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  fi
  server_pid=$!
  pids+=("$server_pid")
  url="http://127.0.0.1:$port/"
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "server on $port did not start"
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }

check_fault() {
  local fault="$1" kind="$2" out="$work/$1"
  start_server "$fault"
  local started=$SECONDS
  timeout 90 "$bin" fuzz "$url" --seed 1 --duration 10 --timeout 1 --out "$out" \
    --report "json:$work/$fault.json" 2>"$work/$fault.log"
  local rc=$?
  [[ $rc -eq 1 ]] || { cat "$work/$fault.log"; fail "$fault: fuzz exit $rc, want 1"; }
  (( SECONDS - started <= 60 )) || fail "$fault: took more than 60 s"
  local case_file
  case_file="$(ls "$out"/"$kind"-*.json 2>/dev/null | head -1)"
  [[ -n "$case_file" ]] || { ls "$out"; cat "$work/$fault.log"; fail "$fault: no $kind finding"; }
  [[ -f "${case_file%.json}.bin" ]] || fail "$fault: no .bin beside $case_file"
  "$bin" lint "$case_file" >/dev/null || fail "$fault: $case_file does not lint"
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/fuzz-report.schema.json" \
    "$work/$fault.json" || fail "$fault: report does not validate"
  "$bin" run "$url" --no-builtin --cases "$case_file" --timeout 2 >/dev/null 2>&1
  rc=$?
  [[ $rc -eq 1 ]] || fail "$fault: replay against the faulty server exit $rc, want 1"
  stop_server
  start_server
  "$bin" run "$url" --no-builtin --cases "$case_file" --timeout 2 >/dev/null 2>&1
  rc=$?
  [[ $rc -eq 0 ]] || fail "$fault: replay against the clean server exit $rc, want 0"
  stop_server
  echo "ok: $fault found ($kind) in $((SECONDS - started)) s, case replays"
}

check_fault 500-for-obs-fold status-5xx
check_fault hang-on-cl-conflict timeout

# A clean server: no finding in 20 seconds.
start_server
timeout 90 "$bin" fuzz "$url" --seed 7 --duration 20 --timeout 2 --out "$work/clean" \
  --report "json:$work/clean.json" --report "html:$work/clean.html" 2>"$work/clean.log"
rc=$?
[[ $rc -eq 0 ]] || { cat "$work/clean.log"; fail "clean server: fuzz exit $rc, want 0"; }
python3 "$src/scripts/validate_json_schema.py" "$src/reports/fuzz-report.schema.json" \
  "$work/clean.json" || fail "clean report does not validate"
grep -q '"findings": \[\]' "$work/clean.json" || fail "clean report lists findings"
grep -q '<h1>httpconform fuzz report</h1>' "$work/clean.html" || fail "no HTML report"
grep -q '^fuzz: [0-9]* requests' "$work/clean.log" || fail "no progress lines on stderr"
stop_server
echo "ok: clean server, $(tail -1 "$work/clean.log")"

# Usage errors.
"$bin" fuzz "https://127.0.0.1:1/" --duration 1 --out "" 2>/dev/null
[[ $? -eq 2 ]] || fail "https target: want exit 2"
"$bin" fuzz "http://127.0.0.1:1/" --duration 1 --out "" 2>/dev/null
[[ $? -eq 3 ]] || fail "unreachable target: want exit 3"
echo "PASS"
