#!/usr/bin/env bash
# Integration: the whole library against a real server (scripts/targets/NAME.sh,
# installed from Debian when missing), one run with --jobs 4 and no --var, and
# its verdicts compared with tests/expected/NAME.json: any case whose outcome
# changed fails the test with a diff (scripts/check_expected.py).
# usage: realservers_test.sh HTTPCONFORM_BINARY SOURCE_DIR NAME
set -uo pipefail
bin="$1"; src="$2"; name="$3"
state="$(mktemp -d)"
cleanup() { "$src/scripts/targets/$name.sh" stop "$state/server"; rm -rf "$state"; }
trap cleanup EXIT
url="$("$src/scripts/targets/$name.sh" start "$state/server" "$src/tests/fixtures/docroot")" ||
  { echo "FAIL: $name did not start"; cat "$state/server/"*.log 2>/dev/null; exit 1; }
echo "$name ($("$src/scripts/targets/$name.sh" version)) at $url"
"$bin" run "$url" --jobs 4 --quiet --report "json:$state/report.json"
rc=$?
[[ $rc -le 1 && -f "$state/report.json" ]] || { echo "FAIL: run exited $rc"; exit 1; }
python3 "$src/scripts/check_expected.py" "$src/tests/expected/$name.json" "$state/report.json"
