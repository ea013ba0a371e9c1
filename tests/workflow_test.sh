#!/usr/bin/env bash
# The CI workflow contract: baselines (ratchet, strict, expiry), diff and
# replay exit codes, against reference servers on loopback (one clean, two
# with a fault). usage: workflow_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
check() {  # check NAME WANT_RC GOT_RC
  if [[ "$2" != "$3" ]]; then echo "FAIL: $1: exit $3, want $2"; failures=$((failures+1)); else echo "ok: $1"; fi
}
expect_grep() {  # expect_grep NAME PATTERN FILE
  if grep -qF -- "$2" "$3"; then echo "ok: $1"; else echo "FAIL: $1: no \"$2\" in:"; cat "$3"; failures=$((failures+1)); fi
}

# start NAME [--violate FAULT]: a reference server on a free loopback port; sets $url.
start() {
  local name="$1"; shift
  "$bin" serve --listen 127.0.0.1:0 "$@" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  url=""
  for _ in $(seq 100); do
    url="$(grep -so 'http://127\.0\.0\.1:[0-9]*' "$tmp/$name.log" | head -1)"
    [[ -n "$url" ]] && return 0
    sleep 0.1
  done
  echo "FAIL: server $name did not start:"; cat "$tmp/$name.log"; exit 1
}
start good; good="$url/"
start bad --violate ignore-if-none-match --violate ignore-if-match; bad="$url/"
start rawbad --violate accept-host-missing; rawbad="$url/"
# Two independent failures (neither refines the other).
only=(--only conditional.if-none-match.304 --only conditional.if-match.412 --jobs 2 --timeout 5)

# --- Baselines ---
"$bin" run "$bad" "${only[@]}" --report json:"$tmp/bad.json" >"$tmp/out" 2>&1; rc=$?
check "new failure fails the run" 1 $rc
"$bin" run "$good" "${only[@]}" --report json:"$tmp/good.json" >"$tmp/out" 2>&1; rc=$?
check "clean server passes" 0 $rc

"$bin" baseline "$tmp/bad.json" >"$tmp/known.json" 2>"$tmp/err"; rc=$?
check "baseline from a report" 0 $rc
expect_grep "baseline lists the failure" '"id": "conditional.if-none-match.304"' "$tmp/known.json"
expect_grep "baseline has its schema" '"schema": "httpconform-baseline/1"' "$tmp/known.json"
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/baseline.schema.json" "$tmp/known.json"; rc=$?
  check "baseline validates against reports/baseline.schema.json" 0 $rc
  printf '{"schema": "httpconform-baseline/1", "failures": [{"id": "a", "reason": "", "untill": "2030-01-01"}]}\n' >"$tmp/typo.json"
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/baseline.schema.json" "$tmp/typo.json" >/dev/null; rc=$?
  check "schema rejects a misspelt member" 1 $rc
  for r in "$tmp/bad.json" "$tmp/good.json"; do
    python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$r"; rc=$?
    check "report validates: $(basename "$r")" 0 $rc
  done
fi

"$bin" run "$bad" "${only[@]}" --baseline "$tmp/known.json" --report json:"$tmp/known-run.json" >"$tmp/out" 2>&1; rc=$?
check "known failures do not fail the run" 0 $rc
expect_grep "known failures are reported" "known failure(s) not counted" "$tmp/out"
expect_grep "report marks known results" '"baseline": "known"' "$tmp/known-run.json"

"$bin" run "$good" "${only[@]}" --baseline "$tmp/known.json" --report json:"$tmp/fixed-run.json" >"$tmp/out" 2>&1; rc=$?
check "fixed entries pass without --strict-baseline" 0 $rc
expect_grep "fixed is reported" "fixed: remove from the baseline: conditional.if-none-match.304" "$tmp/out"
expect_grep "report marks fixed results" '"baseline": "fixed"' "$tmp/fixed-run.json"
"$bin" run "$good" "${only[@]}" --baseline "$tmp/known.json" --strict-baseline >"$tmp/out" 2>&1; rc=$?
check "stale entries fail with --strict-baseline" 1 $rc

"$bin" baseline "$tmp/bad.json" --until 2000-01-01 >"$tmp/expired.json" 2>/dev/null
"$bin" run "$bad" "${only[@]}" --baseline "$tmp/expired.json" >"$tmp/out" 2>&1; rc=$?
check "expired entries count as not known" 1 $rc
expect_grep "expiry is reported" "expired (their failures count)" "$tmp/out"
"$bin" baseline "$tmp/bad.json" --until 2999-12-31 >"$tmp/future.json" 2>/dev/null
"$bin" run "$bad" "${only[@]}" --baseline "$tmp/future.json" >"$tmp/out" 2>&1; rc=$?
check "entries before their until date are known" 0 $rc

# Only one of the two failures known: the other is new.
python3 - "$tmp/known.json" "$tmp/partial.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["failures"] = [f for f in doc["failures"] if f["id"] == "conditional.if-none-match.304"]
json.dump(doc, open(sys.argv[2], "w"))
EOF
"$bin" run "$bad" "${only[@]}" --baseline "$tmp/partial.json" >"$tmp/out" 2>&1; rc=$?
check "a failure missing from the baseline fails the run" 1 $rc
expect_grep "new failure is named" "new failures: conditional.if-match.412" "$tmp/out"

printf '{"schema": "httpconform-baseline/1", "failures": [{"id": "x"}]}' >"$tmp/broken.json"
"$bin" run "$bad" "${only[@]}" --baseline "$tmp/broken.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "invalid baseline file exits 2" 2 $rc
expect_grep "invalid baseline names the pointer" '/failures/0: missing member "reason"' "$tmp/err"
"$bin" baseline "$tmp/bad.json" --until tomorrow >/dev/null 2>&1; rc=$?
check "baseline --until with a bad date exits 2" 2 $rc

# --- Retries: a real failure stays a failure, with its attempts counted ---
"$bin" run "$bad" "${only[@]}" --retries 1 --report json:"$tmp/retried.json" >"$tmp/out" 2>&1; rc=$?
check "retries do not hide a steady failure" 1 $rc
expect_grep "retries are announced" "retrying 2 failed or errored case(s): attempt 2 of 2" "$tmp/out"
expect_grep "report counts attempts" '"attempts": 2' "$tmp/retried.json"
"$bin" run "$bad" "${only[@]}" --retries 11 >"$tmp/out" 2>&1; rc=$?
check "--retries above 10 exits 2" 2 $rc

# --- Dependencies: --only pulls in the base; its failure skips the refinement ---
"$bin" run "$bad" --only conditional.if-none-match.star.304 --timeout 5 \
  --report json:"$tmp/refined.json" --report markdown:"$tmp/refined.md" \
  --report junit:"$tmp/refined.xml" >"$tmp/out" 2>&1; rc=$?
check "a pulled-in base that fails fails the run" 1 $rc
expect_grep "the base is pulled in" '"pulled_in_by": [' "$tmp/refined.json"
expect_grep "the refinement names its blocker" '"blocked_by": {' "$tmp/refined.json"
expect_grep "the skip reason names the base" "depends on conditional.if-none-match.304, which failed" "$tmp/refined.json"
expect_grep "markdown lists the unjudged refinement" "conditional.if-none-match.star.304: depends on conditional.if-none-match.304 (fail)" "$tmp/refined.md"
expect_grep "junit carries the reason" '<skipped message="depends on conditional.if-none-match.304, which failed' "$tmp/refined.xml"
expect_grep "the console counts it" "1 not judged because a base case they refine did not pass" "$tmp/out"
expect_grep "the console names the pulled-in base" "base of:  conditional.if-none-match.star.304" "$tmp/out"
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$tmp/refined.json"; rc=$?
  check "report with dependencies validates" 0 $rc
fi
"$bin" replay "$tmp/refined.json" conditional.if-none-match.star.304 --timeout 5 >"$tmp/out" 2>&1; rc=$?
check "replay of a refinement whose base fails is a skip" 0 $rc
expect_grep "replay runs the base first" "base conditional.if-none-match.304: fail" "$tmp/out"
expect_grep "replay says why it is skipped" "replay: skip: depends on conditional.if-none-match.304, which failed" "$tmp/out"
"$bin" replay "$tmp/refined.json" conditional.if-none-match.star.304 --target "$good" --timeout 5 >"$tmp/out" 2>&1; rc=$?
check "replay of the refinement against the clean server passes" 0 $rc
expect_grep "replay judges the refinement there" "replay: pass" "$tmp/out"

# --- Diff ---
"$bin" diff "$tmp/good.json" "$tmp/bad.json" >"$tmp/out" 2>&1; rc=$?
check "diff with regressions exits 1" 1 $rc
expect_grep "diff names the regression" "conditional.if-none-match.304: pass -> fail" "$tmp/out"
"$bin" diff "$tmp/bad.json" "$tmp/good.json" >"$tmp/out" 2>&1; rc=$?
check "diff with fixes only exits 0" 0 $rc
expect_grep "diff names the fix" "fixes (2):" "$tmp/out"
"$bin" diff "$tmp/good.json" "$tmp/good.json" >"$tmp/out" 2>&1; rc=$?
check "diff of identical reports exits 0" 0 $rc
"$bin" diff "$tmp/good.json" "$tmp/nonexistent.json" >"$tmp/out" 2>&1; rc=$?
check "diff of a missing file exits 2" 2 $rc
echo '{"schema": "httpconform-report/9"}' >"$tmp/garbage.json"
"$bin" diff "$tmp/garbage.json" "$tmp/good.json" >"$tmp/out" 2>&1; rc=$?
check "diff of an invalid report exits 2" 2 $rc

# --- Replay ---
id=conditional.if-none-match.304
"$bin" replay "$tmp/bad.json" "$id" --timeout 5 >"$tmp/out" 2>&1; rc=$?
check "replay against the faulty server reproduces the failure" 1 $rc
expect_grep "replay says reproduced" "reproduced: the case fails again" "$tmp/out"
expect_grep "replay prints the request bytes" "> If-None-Match: \"" "$tmp/out"
expect_grep "replay prints the response bytes" "< HTTP/1.1 200 OK\\r\\n" "$tmp/out"
expect_grep "replay prints a curl reproducer" "curl --http1.1 -i '$bad" "$tmp/out"
if command -v curl >/dev/null; then
  # The reproducer of the last step, run as printed, sees the same broken answer.
  cmd="$(grep -A1 '^reproduce:' "$tmp/out" | tail -1)"
  bash -c "$cmd --max-time 5" >"$tmp/curl.out" 2>/dev/null
  expect_grep "the curl reproducer gets the faulty 200" "HTTP/1.1 200" "$tmp/curl.out"
fi
"$bin" replay "$tmp/bad.json" "$id" --target "$good" --timeout 5 >"$tmp/out" 2>&1; rc=$?
check "replay with --target against the clean server passes" 0 $rc
expect_grep "replay says not reproduced" "not reproduced: the case passes now" "$tmp/out"
"$bin" replay "$tmp/bad.json" no.such.case >"$tmp/out" 2>&1; rc=$?
check "replay of an unknown id exits 2" 2 $rc

"$bin" run "$rawbad" --only wire.host.missing-400 --timeout 5 --report json:"$tmp/raw.json" >"$tmp/out" 2>&1; rc=$?
check "raw case fails against its fault" 1 $rc
"$bin" replay "$tmp/raw.json" wire.host.missing-400 --timeout 5 >"$tmp/out" 2>&1; rc=$?
check "replay of a raw case reproduces" 1 $rc
port="${rawbad##*:}"; port="${port%/}"
expect_grep "raw reproducer is printf" "  printf 'GET /" "$tmp/out"
expect_grep "raw reproducer pipes into nc" "\\r\\n\\r\\n' | nc 127.0.0.1 $port" "$tmp/out"

for sub in diff baseline replay; do
  "$bin" $sub --help >"$tmp/out" 2>&1; rc=$?
  check "$sub --help exits 0" 0 $rc
done

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
