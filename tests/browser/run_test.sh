#!/usr/bin/env bash
# The browser test: makes a report from a real run against the hostile
# server (127.0.0.1 only), then loads it and the sample report in Chromium.
# usage: run_test.sh HTTPCONFORM NODE_MODULES_PARENT SAMPLE.html WORK_DIR
set -euo pipefail
bin="$1"
modules="$2/node_modules"
sample="$3"
work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$work"
mkdir -p "$work"

python3 "$here/hostile_server.py" "$work/port" 120 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port="$(cat "$work/port")"

# Only a few cases: the point is the hostile text in the report, not conformance.
set +e
timeout 120 "$bin" run "http://127.0.0.1:$port/" --timeout 2 --jobs 4 --quiet \
  --only status --only head --only methods \
  --report "html:$work/hostile.html" --report "json:$work/hostile.json"
rc=$?
set -e
# 1 (conformance failures) is expected; anything else is not.
if [[ $rc -ne 1 ]]; then
  echo "httpconform run against the hostile server exited $rc" >&2
  exit 1
fi
grep -q 'window.__pwned=1' "$work/hostile.json" || { echo "payload not in the report" >&2; exit 1; }

# The CLI side of the other formats, against the same server: NDJSON streamed
# to standard output (console on stderr) and valid line by line; credentials
# redacted by default and kept with --no-redact; SARIF written.
set +e
timeout 60 "$bin" run "http://127.0.0.1:$port/" --timeout 2 --only head \
  --report ndjson:- --report "sarif:$work/hostile.sarif" > "$work/hostile.ndjson" 2> "$work/console.txt"
rc=$?
timeout 60 "$bin" run "http://127.0.0.1:$port/" --timeout 2 --only head --quiet --no-redact \
  --report "ndjson:$work/kept.ndjson"
set -e
[[ $rc -eq 1 ]] || { echo "ndjson run exited $rc" >&2; exit 1; }
python3 "$here/../../reports/validate_ndjson.py" "$here/../../reports/report.schema.json" \
  "$work/hostile.ndjson"
grep -q '\[redacted\]' "$work/hostile.ndjson" || { echo "Set-Cookie not redacted" >&2; exit 1; }
if grep -q 'pwn=' "$work/hostile.ndjson"; then echo "cookie value leaked" >&2; exit 1; fi
grep -q 'pwn=' "$work/kept.ndjson" || { echo "--no-redact lost the value" >&2; exit 1; }
grep -q 'cases in' "$work/console.txt" || { echo "console summary not on stderr" >&2; exit 1; }
[[ -s "$work/hostile.sarif" ]] || { echo "no SARIF written" >&2; exit 1; }

timeout 180 node "$here/report_test.js" "$modules" "$sample" "$work/hostile.html" "$work/shots"
