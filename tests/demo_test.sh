#!/usr/bin/env bash
# The main job: `httpconform demo` runs the library against the reference
# server with no failure and no error, and writes schema-valid reports.
# usage: demo_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
out="$tmp/not/yet/there"   # demo creates its output directory
"$bin" demo --out "$out" > "$tmp/out.txt" 2>&1; rc=$?
tail -n 30 "$tmp/out.txt"
[[ $rc -eq 0 ]] || { echo "FAIL: demo exited $rc"; exit 1; }
[[ -s "$out/report.json" && -s "$out/report.html" ]] || { echo "FAIL: reports missing"; exit 1; }
python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$out/report.json" || exit 1
python3 - "$out/report.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["fail"] == 0 and s["error"] == 0, s
assert s["total"] >= 150, s  # the library covers the status-code registry
print("ok:", s)
PY

# Both versions: `demo --http 1.1,2` (the reference server answers h2c by the
# client preface): every applicable case passes over each, and the report
# holds one outcome per case and version.
dual="$tmp/dual"
"$bin" demo --http 1.1,2 --out "$dual" > "$tmp/dual.txt" 2>&1; rc=$?
tail -n 12 "$tmp/dual.txt"
[[ $rc -eq 0 ]] || { echo "FAIL: demo --http 1.1,2 exited $rc"; exit 1; }
python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$dual/report.json" || exit 1
python3 - "$dual/report.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
versions = {v["http"]: v for v in s["versions"]}
assert set(versions) == {"1.1", "2"}, s
for v in versions.values():
    assert v["fail"] == 0 and v["error"] == 0, v
    assert v["total"] == s["total"] // 2, s
# Over HTTP/2 the semantic cases run: more than half of what passes over HTTP/1.1.
assert versions["2"]["pass"] * 2 > versions["1.1"]["pass"], s
assert s["verdict_differs"] == [], s
print("ok (both versions):", s["versions"])
PY
