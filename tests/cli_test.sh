#!/usr/bin/env bash
# The CLI contract: exit codes and one-line messages.
# usage: cli_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
failures=0
check() {  # check NAME WANT_RC GOT_RC
  if [[ "$2" != "$3" ]]; then echo "FAIL: $1: exit $3, want $2"; failures=$((failures+1)); else echo "ok: $1"; fi
}

"$bin" run http://127.0.0.1:1/ >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unreachable target exits 3" 3 $rc
[[ $(wc -l < "$tmp/err") -eq 1 ]] && grep -q "127.0.0.1:1" "$tmp/err" || { echo "FAIL: unreachable message not one line naming the target:"; cat "$tmp/err"; failures=$((failures+1)); }

printf '{ "cases": [\n  { "id": "x.y", "title": 5 }\n] }\n' > "$tmp/bad.json"
"$bin" run http://127.0.0.1:1/ --cases "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "malformed case file exits 2" 2 $rc
grep -q "bad.json:2:" "$tmp/err" || { echo "FAIL: no file:line:column in:"; cat "$tmp/err"; failures=$((failures+1)); }
[[ ! -e "$tmp/r.json" ]] || failures=$((failures+1))

"$bin" lint "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "lint of a malformed file exits 2" 2 $rc
grep -Eq "bad.json:[0-9]+:[0-9]+: " "$tmp/err" || { echo "FAIL: lint message:"; cat "$tmp/err"; failures=$((failures+1)); }

# The level is the quote's keyword: a MUST case quoting a SHOULD sentence is
# refused, pointing at the level (docs/verdicts.md).
"$bin" lint "$src/tests/malformed/level_keyword_mismatch.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "lint refuses a MUST case quoting a SHOULD sentence" 2 $rc
grep -q 'level_keyword_mismatch.json:7:52: /cases/0/spec/level: level "MUST" differs from the quote.s keyword "SHOULD"' "$tmp/err" ||
  { echo "FAIL: keyword message:"; cat "$tmp/err"; failures=$((failures+1)); }
# A user's case may refine a built-in one; a misspelt base is refused with a suggestion.
cat > "$tmp/mine.json" <<'JSON'
{ "cases": [ { "id": "mine.refines-inm", "title": "t",
  "spec": { "rfc": 9110, "section": "13.1.2", "level": "MUST", "quote": "A recipient MUST use the weak comparison function" },
  "codes": [304], "unkillable": "example", "after": ["conditional.if-none-match.304"],
  "steps": [ { "request": { "target": "/" } } ] } ] }
JSON
"$bin" lint "$tmp/mine.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a user case may name a built-in case in after" 0 $rc
sed -i 's/if-none-match.304"/if-none-match.340"/' "$tmp/mine.json"
"$bin" lint "$tmp/mine.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown case in after exits 2" 2 $rc
grep -q 'mine.json:3:54: /cases/0/after/0: unknown case id "conditional.if-none-match.340" in "after" (did you mean "conditional.if-none-match.304"?)' "$tmp/err" ||
  { echo "FAIL: after message:"; cat "$tmp/err"; failures=$((failures+1)); }

"$bin" run --no-such-flag >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown flag exits 2" 2 $rc
"$bin" run http://127.0.0.1:1/ --fail-on sometimes >"$tmp/out" 2>"$tmp/err"; rc=$?
check "bad --fail-on exits 2" 2 $rc
"$bin" run http://127.0.0.1:1/ --report pdf:x >"$tmp/out" 2>"$tmp/err"; rc=$?
check "unknown report format exits 2" 2 $rc
"$bin" run ftp://x/ >"$tmp/out" 2>"$tmp/err"; rc=$?
check "non-http URL exits 2" 2 $rc
# Bad flags: exit 2 and a message naming what is wrong (added with tests/hostile).
bad_flag() {  # bad_flag WANT_IN_STDERR ARGS...
  local want="$1"; shift
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  check "bad flags ($*) exit 2" 2 $rc
  grep -qF -- "$want" "$tmp/err" || { echo "FAIL: ($*) stderr lacks \"$want\":"; cat "$tmp/err"; failures=$((failures+1)); }
  [[ ! -s "$tmp/out" ]] || { echo "FAIL: ($*) wrote to stdout"; failures=$((failures+1)); }
}
bad_flag "--jobs" run http://127.0.0.1:1/ --jobs 0
bad_flag "--jobs" run http://127.0.0.1:1/ --jobs 1000000000000
bad_flag "--timeout" run http://127.0.0.1:1/ --timeout 0
bad_flag "--timeout" run http://127.0.0.1:1/ --timeout abc
bad_flag "--timeout" run http://127.0.0.1:1/ --timeout nan
bad_flag "--timeout" run http://127.0.0.1:1/ --timeout inf
bad_flag "--var takes NAME=VALUE" run http://127.0.0.1:1/ --var novalue
bad_flag "url is required" run
bad_flag "--report takes FORMAT:PATH" run http://127.0.0.1:1/ --report json:
bad_flag "--only" run http://127.0.0.1:1/ --only
bad_flag "--http" run http://127.0.0.1:1/ --http 3
bad_flag "help" nosuchcommand

"$bin" --version >"$tmp/out" 2>&1; rc=$?
check "--version exits 0" 0 $rc
grep -q "^httpconform [0-9]" "$tmp/out" || { echo "FAIL: --version output"; failures=$((failures+1)); }
for sub in run list lint serve demo explain matrix; do
  "$bin" $sub --help >"$tmp/out" 2>&1; rc=$?
  check "$sub --help exits 0" 0 $rc
done
"$bin" lint "$src"/cases/*.json >"$tmp/out" 2>&1; rc=$?
check "the case library lints clean" 0 $rc
[[ $rc -eq 0 ]] || cat "$tmp/out"

# matrix: unreadable or invalid input is a usage error (2), nothing written.
mkdir -p "$tmp/mx"
printf '{"bad": 1}' > "$tmp/mx/notareport.json"
"$bin" matrix "$tmp/mx/missing.json" --out "$tmp/mx" >"$tmp/out" 2>&1; rc=$?
check "matrix of a missing report exits 2" 2 $rc
"$bin" matrix "$tmp/mx/notareport.json" --out "$tmp/mx" >"$tmp/out" 2>&1; rc=$?
check "matrix of a file that is no report exits 2" 2 $rc
"$bin" matrix "$tmp/mx/notareport.json" >"$tmp/out" 2>&1; rc=$?
check "matrix without --out exits 2" 2 $rc
[[ ! -e "$tmp/mx/matrix.html" ]] || { echo "FAIL: matrix wrote a page from bad input"; failures=$((failures+1)); }

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
