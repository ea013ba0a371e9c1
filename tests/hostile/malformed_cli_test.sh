#!/usr/bin/env bash
# Malformed case files through the CLI: for every tests/malformed/NAME.json,
#   httpconform run http://127.0.0.1:1/ --cases FILE --report json:OUT
# exits 2 before touching the network, prints the first line of NAME.expected
# (the exact file:line:column and message; the loader's table test holds the
# same contract), writes no report; and `httpconform lint FILE` exits 2 with
# the same location. Plus generated hostile files too big for the repository:
# 50 MB of nesting, a 50 MB string, ids repeated across two files.
# usage: malformed_cli_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures+1)); }
cd "$src" || exit 1

# check_file FILE WANT_FIRST_LINE_PREFIX [extra run flags...]
check_file() {
  local file="$1" want="$2"; shift 2
  local start=$SECONDS
  rm -f "$tmp/out.json"
  timeout 60 "$bin" run http://127.0.0.1:1/ "$@" --cases "$file" --report json:"$tmp/out.json" \
    >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [[ $rc -eq 2 ]] || fail "$file: run exit $rc, want 2"
  [[ "$(head -n1 "$tmp/err")" == "$want"* ]] ||
    fail "$file: run said: $(head -c 300 "$tmp/err" | head -n1)  want: $want"
  [[ ! -e "$tmp/out.json" ]] || fail "$file: a report was written"
  [[ $(wc -c < "$tmp/err") -lt 4096 ]] || fail "$file: message longer than 4 KiB"
  timeout 60 "$bin" lint "$file" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [[ $rc -eq 2 ]] || fail "$file: lint exit $rc, want 2"
  local location="${want%%: *}"
  grep -qF -- "$location: " "$tmp/err" || fail "$file: lint does not name $location"
  (( SECONDS - start <= 20 )) || fail "$file: took $((SECONDS - start)) s"
}

count=0
for json in tests/malformed/*.json; do
  want="$(head -n1 "${json%.json}.expected")"
  # --no-builtin keeps the loop fast; the exact documented form runs below.
  check_file "$json" "$want" --no-builtin
  count=$((count+1))
done
(( count >= 30 )) || fail "only $count malformed files"
for name in null_title syntax_deep_nesting raw_bad_escape; do
  check_file "tests/malformed/$name.json" "$(head -n1 tests/malformed/$name.expected)"
done

# 3 MB of "[" (under the size limit): refused at the 65th level, quickly and
# in bounded memory, not parsed (it used to take minutes and gigabytes).
python3 -c "import sys; sys.stdout.write('{\"cases\": ' + '[' * (3 << 20))" > "$tmp/deep.json"
check_file "$tmp/deep.json" "$tmp/deep.json:1:74: arrays and objects nested deeper than 64 levels" \
  --no-builtin
# A 50 MB file: refused unread, by run and by lint.
python3 -c "import sys; sys.stdout.write('{\"cases\": [ {\"id\": \"x.y\", \"title\": \"' + 'a' * (50 << 20) + '\" } ] }')" \
  > "$tmp/big.json"
check_file "$tmp/big.json" "$tmp/big.json: case file too large: " --no-builtin
# Peak memory of both (KiB, from GNU time when present).
if [[ -x /usr/bin/time ]]; then
  for f in deep big; do
    /usr/bin/time -f "%M" -o "$tmp/rss" "$bin" lint "$tmp/$f.json" >/dev/null 2>&1
    rss=$(tail -n1 "$tmp/rss")
    echo "$f.json: peak RSS ${rss} KiB"
    (( rss < 64 * 1024 * ${HTTPCONFORM_RSS_SCALE:-1} )) || fail "$f.json: peak RSS $rss KiB >= $((64 * ${HTTPCONFORM_RSS_SCALE:-1})) MiB"
  done
fi

# The same id in two files: the second names the file and line of the first.
sed 's/"id": "x.y"/"id": "dup.one"/' tests/malformed/timeout_absurd.json |
  sed 's/"timeout_ms": 3600000,//' > "$tmp/a.json"
cp "$tmp/a.json" "$tmp/b.json"
timeout 60 "$bin" run http://127.0.0.1:1/ --no-builtin --cases "$tmp/a.json" --cases "$tmp/b.json" \
  --report json:"$tmp/out.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[[ $rc -eq 2 ]] || fail "duplicate ids across files: exit $rc, want 2"
grep -q "b.json:4:13: .*dup.one" "$tmp/err" || fail "duplicate ids: $(head -n1 "$tmp/err")"
[[ ! -e "$tmp/out.json" ]] || fail "duplicate ids: a report was written"

echo "$count malformed files checked; $failures failure(s)"
[[ $failures -eq 0 ]]
