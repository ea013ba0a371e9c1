#!/usr/bin/env bash
# The CLI's small contracts: `lint DIR`, directories without case files,
# numeric flags in the tool's words, help without artefacts, `explain abc`,
# diff/baseline errors without the JSON library's text, --var names no case
# uses, and `list --json` and `vars --json` against their schemas (reports/).
# usage: cli_messages_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
source "$src/tests/test_lib.sh"

# lint DIR reads a directory as run --cases does.
"$bin" lint "$src/cases" >"$tmp/out" 2>&1; rc=$?
check "lint DIR" 0 $rc
n=$(( $(ls "$src"/cases/*.json | wc -l) + $(ls "$src"/cases/proxy/*.json | wc -l) ))  # proxy cases too
says "lint DIR counts the files it read" "$n file(s)," "$tmp/out"
mkdir -p "$tmp/empty/schema"; echo "notes" > "$tmp/empty/README"
"$bin" lint "$tmp/empty" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "lint of a directory without case files" 2 $rc
says "... says there are none" "$tmp/empty: no case files (*.json) in this directory" "$tmp/err"
"$bin" run http://127.0.0.1:1/ --cases "$tmp/empty" --no-builtin >"$tmp/out" 2>"$tmp/err"; rc=$?
check "run --cases with a directory without case files" 2 $rc
says "... says there are none" "no case files (*.json) in this directory" "$tmp/err"

# Numeric flags.
"$bin" run http://127.0.0.1:1/ --jobs abc >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--jobs abc" 2 $rc
says "--jobs abc: not an integer" '--jobs: not an integer: "abc" (want 1..256)' "$tmp/err"
"$bin" run http://127.0.0.1:1/ --timeout 0 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--timeout 0" 2 $rc
says "the timeout range prints as seconds" "--timeout: 0 is not in 0.05..600 seconds" "$tmp/err"
"$bin" run http://127.0.0.1:1/ --retries x >"$tmp/out" 2>"$tmp/err"; rc=$?
says "--retries x: not an integer" '--retries: not an integer: "x" (want 0..10)' "$tmp/err"

# Help.
for sub in run list vars lint serve demo explain diff baseline replay coverage fuzz; do
  "$bin" $sub --help >"$tmp/help" 2>&1
  lacks "$sub --help has no {false}" "{false}" "$tmp/help"
done
"$bin" list --help >"$tmp/help" 2>&1
says "list --help describes list" "List the cases: id, level, RFC section, status codes, title" "$tmp/help"
says "list --help describes --json" "schema reports/list.schema.json" "$tmp/help"
lacks "list --help does not speak of running" "Run only" "$tmp/help"
"$bin" run --help >"$tmp/help" 2>&1
says "run --help shows the timeout in seconds" "--timeout SECONDS:0.05..600 s" "$tmp/help"
says "run --help points --var to vars" "httpconform vars lists them" "$tmp/help"

# explain.
"$bin" explain abc >"$tmp/out" 2>"$tmp/err"; rc=$?
check "explain abc" 2 $rc
says "explain abc: not a status code" '"abc" is not a status code' "$tmp/err"
"$bin" explain 599 >"$tmp/out" 2>"$tmp/err"; rc=$?
says "explain 599: not registered" "599 is not a registered status code" "$tmp/err"

# diff and baseline errors in the tool's words.
echo "hello" > "$tmp/text.json"
echo '{"a": 1}' > "$tmp/object.json"
for sub in "diff $tmp/text.json $tmp/text.json" "baseline $tmp/text.json" "diff $tmp/object.json $tmp/object.json"; do
  "$bin" $sub >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "$sub" 2 $rc
  lacks "$sub: no JSON library text" "json.exception" "$tmp/err"
  lacks "$sub: no parse-error jargon" "last read" "$tmp/err"
done
"$bin" diff "$tmp/text.json" "$tmp/text.json" >"$tmp/out" 2>"$tmp/err"
says "diff of a text file" "text.json: not valid JSON: line 1, column 1: invalid literal" "$tmp/err"
"$bin" baseline "$tmp/object.json" >"$tmp/out" 2>"$tmp/err"
says "baseline of a JSON file that is no report" "not an httpconform JSON report" "$tmp/err"

# --var names that no selected case uses.
"$bin" run http://127.0.0.1:1/ --only conditional. --var resouce=/x --var resource=/y >"$tmp/out" 2>"$tmp/err"
says "--var typo is warned about" "warning: --var resouce is used by no selected case (did you mean resource?)" "$tmp/err"
lacks "--var that a case uses is not" "--var resource is used" "$tmp/err"

# list --json: every case, valid against the schema, with file and line.
cat > "$tmp/mine.json" <<'EOF'
{
  "cases": [
    {
      "id": "mine.hello",
      "title": "GET /hello answers 200",
      "spec": { "rfc": 9110, "section": "15.3.1", "level": "MUST", "quote": "A server MUST answer." },
      "codes": [200],
      "vars": { "hello": "/hello", "token": null },
      "steps": [ { "request": { "target": "${hello}" }, "expect": { "status": 200 } } ]
    }
  ]
}
EOF
"$bin" list --json --cases "$tmp/mine.json" >"$tmp/list.json" 2>"$tmp/err"; rc=$?
check "list --json" 0 $rc
# against_schema NAME SCHEMA OUTPUT BAD_DOCUMENT: OUTPUT validates against
# reports/SCHEMA, and BAD_DOCUMENT (one member missing) does not.
against_schema() {
  python3 -c "import jsonschema" 2>/dev/null || return 0
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/$2" "$3"; rc=$?
  check "$1 validates against reports/$2" 0 $rc
  echo "$4" > "$tmp/bad.json"
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/$2" "$tmp/bad.json" >/dev/null; rc=$?
  check "reports/$2 rejects an incomplete document" 1 $rc
}
against_schema "list --json" list.schema.json "$tmp/list.json" \
  '{"schema": "httpconform-case-list/1", "cases": [{"id": "a"}]}'
total=$("$bin" list --cases "$tmp/mine.json" | tail -n1 | awk '{print $1}')
python3 - "$tmp/list.json" "$total" "$tmp/mine.json" <<'PY' || fail "list --json contents"
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["cases"]) == int(sys.argv[2]), (len(doc["cases"]), sys.argv[2])
mine = [c for c in doc["cases"] if c["id"] == "mine.hello"][0]
assert mine["file"] == sys.argv[3] and mine["line"] == 3, (mine["file"], mine["line"])
assert mine["vars"] == {"hello": "/hello", "token": None}, mine["vars"]
assert mine["spec"]["level"] == "MUST" and mine["codes"] == [200]
builtin = [c for c in doc["cases"] if c["id"] == "conditional.if-none-match.304"][0]
assert builtin["file"] == "cases/conditional.json" and builtin["line"] > 0
print("ok: list --json has every case, with file and line")
PY
# list's text names where each case is written, as --json does.
"$bin" list --cases "$tmp/mine.json" >"$tmp/list.txt" 2>&1
says "list names a user's case file and line" "$tmp/mine.json:3" "$tmp/list.txt"
builtin_line=$(python3 -c 'import json,sys; print([c["line"] for c in json.load(open(sys.argv[1]))["cases"] if c["id"] == "conditional.if-none-match.304"][0])' "$tmp/list.json")
grep '^conditional.if-none-match.304 ' "$tmp/list.txt" > "$tmp/list-one.txt"
says "list names a built-in case's file and line" "cases/conditional.json:$builtin_line" "$tmp/list-one.txt"
# coverage: each case with its file and line, in Markdown and in --json.
"$bin" coverage >"$tmp/coverage.md" 2>&1
says "coverage names a case's file and line" "\`conditional.if-none-match.304\` (cases/conditional.json:$builtin_line)" "$tmp/coverage.md"
"$bin" coverage --json >"$tmp/coverage.json" 2>&1
python3 - "$tmp/coverage.json" "$builtin_line" <<'PY' || fail "coverage --json case_locations"
import json, sys
doc = json.load(open(sys.argv[1]))
where = doc["case_locations"]
assert where["conditional.if-none-match.304"] == "cases/conditional.json:" + sys.argv[2], where
covering = {s for r in doc["requirements"] for s in r["covered_by"] if not s.startswith("rule:")}
assert covering <= set(where), covering - set(where)
print("ok: coverage --json leads every covering case to its file and line")
PY

# vars: every variable with what it must point to, its cases, default and
# what discovery looks for; --json against reports/vars.schema.json.
"$bin" vars --cases "$tmp/mine.json" >"$tmp/vars.txt" 2>"$tmp/err"; rc=$?
check "vars" 0 $rc
says "vars describes a variable of the library" "points to:  a path that does not exist: GET answers 404 (Not Found) or 410 (Gone)" "$tmp/vars.txt"
says "vars says what discovery looks for" "discovery:  looks for a 404 or 410" "$tmp/vars.txt"
says "vars says when discovery does not look" "does not look for it: give it with --var echo=VALUE" "$tmp/vars.txt"
says "vars names a user's variable as undescribed" "(not described: a variable of your own case files)" "$tmp/vars.txt"
says "vars shows a null default as one to give" "none (must be given with --var)" "$tmp/vars.txt"
"$bin" vars --only auth. >"$tmp/vars-auth.txt" 2>&1
says "vars follows the selection" "protected  (12 cases)" "$tmp/vars-auth.txt"
lacks "vars --only auth. has no echo" "echo  (" "$tmp/vars-auth.txt"
"$bin" vars --json --cases "$tmp/mine.json" >"$tmp/vars.json" 2>"$tmp/err"; rc=$?
check "vars --json" 0 $rc
against_schema "vars --json" vars.schema.json "$tmp/vars.json" \
  '{"schema": "httpconform-var-list/1", "variables": [{"name": "a", "cases": []}]}'
python3 - "$tmp/vars.json" "$tmp/list.json" <<'PY' || fail "vars --json contents"
import json, sys
doc = json.load(open(sys.argv[1]))
cases = json.load(open(sys.argv[2]))["cases"]
by_name = {v["name"]: v for v in doc["variables"]}
# Every variable of every listed case, with exactly the cases that declare it.
for case in cases:
    for name, value in case["vars"].items():
        v = by_name[name]
        assert case["id"] in v["cases"], (name, case["id"])
        assert any(d["value"] == value for d in v["defaults"]), (name, value)
assert sum(len(v["cases"]) for v in doc["variables"]) == sum(len(c["vars"]) for c in cases)
for v in doc["variables"]:
    assert sum(d["cases"] for d in v["defaults"]) == len(v["cases"]), v["name"]
    if v["name"] not in ("hello", "token"):
        assert v["points_to"], v["name"]  # The library describes each of its own.
assert by_name["token"]["points_to"] is None and by_name["token"]["defaults"] == [{"value": None, "cases": 1}]
assert by_name["resource"]["discovery"] and by_name["echo"]["discovery"] is None
print("ok: vars --json has every variable of every case, described")
PY

finish
