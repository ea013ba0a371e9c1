#!/usr/bin/env bash
# Reports record how the run was made, and replay, baseline and diff use it
# (reports/README.md, docs/baseline.md). The target is a small server on
# 127.0.0.1 (tests/fixtures/odd_server.py http) that serves / with an ETag
# and ignores If-None-Match, and serves nothing at the case default
# /static/hello.txt, so discovery replaces that default by /:
#   - the JSON report (schema httpconform-report/2, validated) records the
#     settings, discovery's replacement and each case's variables;
#   - replay sends what the run sent (GET /, not the default) and says
#     "reproduced" only when the exchange is the same; against another server
#     it says what differs;
#   - a baseline records the variables; a run whose known failure ran with
#     others says so;
#   - `run --baseline REPORT.json` says to make a baseline first;
#   - diff warns when the reports are of different targets.
# usage: replay_record_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
source "$src/tests/test_lib.sh"
serve() { start_fixture odd_server.py http; url="http://127.0.0.1:$port/"; }  # sets $url
serve; one="$url"
serve; two="$url"
id=conditional.if-none-match.304

"$bin" run "$one" --only "$id" --timeout 5 --report "json:$tmp/r.json" >"$tmp/out" 2>&1; rc=$?
check "the case fails against a server that ignores If-None-Match" 1 $rc
says "discovery replaced the default" "replaced by /" "$tmp/out"
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$tmp/r.json"; rc=$?
  check "the report validates against reports/report.schema.json" 0 $rc
fi
python3 - "$tmp/r.json" <<'PY' || fail "report contents"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "httpconform-report/4", r["schema"]
s = r["settings"]
assert s["http"] == "1.1" and s["transport"] == "raw" and s["timeout_ms"] == 5000, s
assert s["discovery"]["enabled"] is True
assert {"name": "resource", "default": "/static/hello.txt", "value": "/"} in s["discovery"]["replaced"], s["discovery"]
assert any("replaced by /" in n for n in s["discovery"]["notes"])
result = r["results"][0]
assert result["vars"] == {"resource": "/"}, result["vars"]
assert len(result["steps"][0]["response"]["body_sha256"]) == 64
print("ok: the report records the settings, the replacement and the case's variables")
PY

# Replay sends what the run sent.
"$bin" replay "$tmp/r.json" "$id" >"$tmp/out" 2>&1; rc=$?
check "replay reproduces the failure" 1 $rc
says "replay sends the discovered resource" "> GET / HTTP/1.1" "$tmp/out"
lacks "replay does not send the case default" "GET /static/hello.txt" "$tmp/out"
says "replay says which variables it uses" "variables resource=/" "$tmp/out"
says "replay says reproduced on the same exchange" "reproduced: the case fails again, on the same exchange" "$tmp/out"

# Against another server: the failure is there, the exchange is not the same.
"$bin" replay "$tmp/r.json" "$id" --target "$two" >"$tmp/out" 2>&1; rc=$?
check "replay against another server fails too" 1 $rc
says "replay lists the differences" "the exchange differs from the recorded one:" "$tmp/out"
says "replay names the changed ETag" "step 1: ETag" "$tmp/out"
says "replay does not claim the same failure" "the case fails again, but on a different exchange" "$tmp/out"
lacks "replay does not say reproduced" "reproduced:" "$tmp/out"
# --var still wins over what the report recorded.
"$bin" replay "$tmp/r.json" "$id" --var resource=/nope >"$tmp/out" 2>&1; rc=$?
check "replay with --var resource=/nope is skipped (404)" 0 $rc
says "replay honours --var" "> GET /nope HTTP/1.1" "$tmp/out"
says "replay says the case no longer fails" "not reproduced: the case is skipped now" "$tmp/out"

# Baselines record the variables, and a run with others says so.
"$bin" baseline "$tmp/r.json" >"$tmp/known.json" 2>/dev/null; rc=$?
check "baseline from the report" 0 $rc
python3 - "$tmp/known.json" <<'PY' || fail "baseline vars"
import json, sys
b = json.load(open(sys.argv[1]))
assert b["failures"][0]["vars"] == {"resource": "/"}, b
print("ok: the baseline records the variables of the failure")
PY
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/baseline.schema.json" "$tmp/known.json"; rc=$?
  check "the baseline validates against reports/baseline.schema.json" 0 $rc
fi
"$bin" run "$one" --only "$id" --baseline "$tmp/known.json" >"$tmp/out" 2>&1; rc=$?
check "the known failure does not fail the run" 0 $rc
lacks "same variables: no warning" "not the same test" "$tmp/out"
"$bin" run "$one" --only "$id" --baseline "$tmp/known.json" --var resource=/other >"$tmp/out" 2>&1; rc=$?
check "the known failure with other variables does not fail the run" 0 $rc
says "other variables are named" \
  "known, but not the same test (other variables than the baseline recorded): $id: resource now /other (baseline /)" "$tmp/out"

# A report given as a baseline.
"$bin" run "$one" --only "$id" --baseline "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "run --baseline REPORT.json exits 2" 2 $rc
says "and says to make a baseline first" "is a JSON report, not a baseline: make one first with \`httpconform baseline" "$tmp/err"

# diff of reports of two targets.
"$bin" run "$two" --only "$id" --timeout 5 --report "json:$tmp/r2.json" >/dev/null 2>&1
"$bin" diff "$tmp/r.json" "$tmp/r2.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "diff of two targets, same outcomes" 0 $rc
says "diff warns about different targets" "warning: the reports are of different targets ($one, then $two)" "$tmp/err"
"$bin" diff "$tmp/r.json" "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[[ ! -s "$tmp/err" ]] && ok "no warning for the same target" || { fail "diff warned:"; cat "$tmp/err"; }
"$bin" run "$one" --only "$id" --timeout 5 --var resource=/other --report "json:$tmp/r3.json" >/dev/null 2>&1
"$bin" diff "$tmp/r.json" "$tmp/r3.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
says "diff warns about other variables" "warning: the runs differ: variable resource /, then /other" "$tmp/err"

finish
