#!/usr/bin/env bash
# `httpconform fuzz` end to end against the embedded reference server on
# loopback: each netfuzz fault is found with a fixed seed, its saved case
# lints, fails when replayed against the faulty server and passes against the
# clean one; a clean server gives no finding in a 20-second run; the JSON
# report validates against reports/fuzz-report.schema.json and the HTML
# report is written; the two shards of one campaign both find a fault and
# `fuzz merge` keeps their common finding once. Every server is started by this script and stopped by PID.
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

# One campaign in two shards against a faulty server: each shard finds the
# fault, the reports say which shard they cover, and fuzz merge keeps each
# minimized reproducer once (the two shards minimize to the same request).
start_server 500-for-obs-fold
for k in 1 2; do
  timeout 90 "$bin" fuzz "$url" --seed 1 --duration 10 --timeout 1 --shard "$k/2" --workers 1 \
    --out "$work/shard$k" --report "json:$work/shard$k.json" 2>"$work/shard$k.log"
  rc=$?
  [[ $rc -eq 1 ]] || { cat "$work/shard$k.log"; fail "shard $k/2: fuzz exit $rc, want 1"; }
  grep -q "\"shard\": {\"index\": $k, \"count\": 2}" <(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$work/shard$k.json") ||
    fail "shard $k/2: the report does not name its shard"
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/fuzz-report.schema.json" \
    "$work/shard$k.json" || fail "shard $k/2: report does not validate"
done
stop_server
shared="$(comm -12 <(ls "$work/shard1" | grep '\.bin$') <(ls "$work/shard2" | grep '\.bin$') | wc -l)"
[[ $shared -ge 1 ]] || fail "the two shards share no minimized finding (nothing to deduplicate)"
both="$(cat <(ls "$work/shard1") <(ls "$work/shard2") | grep -c '\.bin$')"
distinct="$(cat <(ls "$work/shard1") <(ls "$work/shard2") | grep '\.bin$' | sort -u | wc -l)"
"$bin" fuzz merge "$work/shard1" "$work/shard2" --out "$work/merged" 2>"$work/merge.log"
rc=$?
[[ $rc -eq 0 ]] || { cat "$work/merge.log"; fail "fuzz merge exit $rc, want 0"; }
merged="$(ls "$work/merged" | grep -c '\.bin$')"
[[ $merged -eq $distinct && $merged -lt $both ]] ||
  fail "fuzz merge kept $merged of $both findings, want the $distinct distinct ones"
[[ "$(ls "$work/merged" | grep -c '\.json$')" -eq $merged ]] || fail "merge lost case files"
grep -q "duplicate: $work/shard2/" "$work/merge.log" || fail "merge does not name the duplicate"
for c in "$work"/merged/*.json; do "$bin" lint "$c" >/dev/null || fail "merged $c does not lint"; done
echo "ok: shards 1/2 and 2/2 each found the fault; merge kept $merged of $both"
"$bin" fuzz merge "$work/missing-dir" 2>/dev/null
[[ $? -eq 2 ]] || fail "merge of a missing directory: want exit 2"
"$bin" fuzz "$url" --shard 3/2 --duration 1 2>/dev/null
[[ $? -eq 2 ]] || fail "--shard 3/2: want exit 2"
"$bin" fuzz "$url" "$url" --duration 1 2>/dev/null
[[ $? -eq 2 ]] || fail "two URLs without --differential: want exit 2"
"$bin" fuzz "$url" --differential --duration 1 2>/dev/null
[[ $? -eq 2 ]] || fail "--differential with one URL: want exit 2"

# Usage errors.
"$bin" fuzz "https://127.0.0.1:1/" --duration 1 --out "" 2>/dev/null
[[ $? -eq 2 ]] || fail "https target: want exit 2"
"$bin" fuzz "http://127.0.0.1:1/" --duration 1 --out "" 2>/dev/null
[[ $? -eq 3 ]] || fail "unreachable target: want exit 3"
echo "PASS"
