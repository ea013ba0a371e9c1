#!/usr/bin/env bash
# Integration: a real nginx on 127.0.0.1 (self-contained config, stopped by
# PID), the whole suite against it. Asserts every case ran, the exit code
# agrees with the report, and the report validates against its schema.
# usage: nginx_integration.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
state="$(mktemp -d)"
cleanup() { "$src/scripts/targets/nginx.sh" stop "$state"; rm -rf "$state"; }
trap cleanup EXIT
url="$("$src/scripts/targets/nginx.sh" start "$state" "$src/tests/fixtures/docroot")" || { echo "nginx did not start"; cat "$state/error.log"; exit 1; }
echo "nginx at $url"

"$bin" run "$url" --report "json:$state/r.json" --jobs 4 > "$state/out.txt" 2>&1
rc=$?
tail -n 40 "$state/out.txt"
[[ -f "$state/r.json" ]] || { echo "FAIL: no report written (exit $rc)"; exit 1; }
python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$state/r.json" || { echo "FAIL: report does not validate"; exit 1; }
listed=$("$bin" list | tail -n 1 | awk '{print $1}')
python3 - "$state/r.json" "$rc" "$listed" <<'PY' || exit 1
import json, sys
report = json.load(open(sys.argv[1]))
rc, listed = int(sys.argv[2]), int(sys.argv[3])
results = report["results"]
s = report["summary"]
assert s["total"] == len(results) == listed, f"ran {len(results)} of {listed} cases"
assert s["pass"] + s["fail"] + s["skip"] + s["error"] == s["total"]
failing = [r["id"] for r in results
           if r["outcome"] == "error" or (r["outcome"] == "fail" and r["spec"]["level"] == "MUST")]
findings = [f for r in results for f in r.get("findings", []) if f["level"] == "MUST"]
want = 1 if (failing or findings) else 0
assert rc == want, f"exit code {rc}, but the report implies {want} (failing={failing}, MUST findings={len(findings)})"
print(f"ok: {s} exit {rc} agrees with the report")
PY
