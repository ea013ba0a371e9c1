#!/usr/bin/env bash
# `httpconform proxy` end to end, as a user runs it: against the reference
# gateway (`serve --gateway`), clean (exit 0, every proxy case passes) and
# with a fault (exit 1, its cases fail); against a real intermediary NAME
# (scripts/targets/NAME-proxy.sh: nginx, haproxy, varnish, squid, ...) as a
# reverse proxy (squid-forward: a forward proxy, run with --forward, as its
# `run-args` say): every case runs, the report validates and names the origin,
# the exit code agrees with it, and the verdicts are those reviewed in
# tests/expected/proxy-NAME.json. An intermediary that is not installed is a
# skip (exit 77), unless `ci` is given and CI=true: then it is installed (the
# ones the CI checks). Addresses off loopback are refused with exit 2.
# Everything listens on 127.0.0.1 and is stopped by PID.
# usage: proxy_cli_test.sh HTTPCONFORM_BINARY SOURCE_DIR [gateway | NAME [ci]]
set -uo pipefail
bin="$1"; src="$2"; which="${3:-gateway}"; ci_checked="${4:-}"
state="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [[ "$which" != gateway ]] && "$src/scripts/targets/$which-proxy.sh" stop "$state" >/dev/null 2>&1
  rm -rf "$state"
}
trap cleanup EXIT
source "$src/scripts/targets/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }

# check_report REPORT EXIT_CODE ORIGIN: the report validates, names the origin,
# ran every proxy case, and agrees with the exit code.
check_report() {
  python3 "$src/scripts/validate_json_schema.py" "$src/reports/report.schema.json" "$1" ||
    fail "report $1 does not validate"
  python3 - "$@" <<'PY' || exit 1
import json, sys
report = json.load(open(sys.argv[1]))
rc, origin = int(sys.argv[2]), sys.argv[3]
assert report["proxy"]["origin"] == origin, report["proxy"]
results = report["results"]
assert len(results) >= 20 and all(r["id"].startswith("proxy.") for r in results), len(results)
assert report["summary"]["failing"] == 0 if rc == 0 else report["summary"]["failing"] > 0, (rc, report["summary"])
counts = {o: sum(r["outcome"] == o for r in results) for o in ("pass", "fail", "skip", "error")}
print(f"ok: exit {rc}, {counts}")
PY
}

if [[ "$which" == gateway ]]; then
  # Refused before anything listens or is sent.
  "$bin" proxy http://192.0.2.1:8080/ --origin-listen 127.0.0.1:1 >"$state/out" 2>&1
  [[ $? -eq 2 ]] && grep -q "must be on loopback" "$state/out" || fail "a proxy off loopback: $(cat "$state/out")"
  "$bin" proxy http://127.0.0.1:8080/ --origin-listen 0.0.0.0:9 >"$state/out" 2>&1
  [[ $? -eq 2 ]] && grep -q "origin-listen must be on loopback" "$state/out" || fail "an origin off loopback: $(cat "$state/out")"
  "$bin" serve --gateway 192.0.2.1:80 --listen 127.0.0.1:0 >"$state/out" 2>&1
  [[ $? -eq 2 ]] || fail "a gateway to an origin off loopback: $(cat "$state/out")"

  for fault in "" gw-no-via; do
    origin_port="$(free_port)"; gw_port="$(free_port)"
    args=(serve --listen "127.0.0.1:$gw_port" --gateway "127.0.0.1:$origin_port")
    [[ -n "$fault" ]] && args+=(--violate "$fault")
    "$bin" "${args[@]}" >"$state/gw.log" 2>&1 &
    pids+=($!)
    wait_port "$gw_port" "${pids[-1]}" || fail "the gateway did not start: $(cat "$state/gw.log")"
    "$bin" proxy "http://127.0.0.1:$gw_port/" --origin-listen "127.0.0.1:$origin_port" \
      --report "json:$state/r.json" --report "html:$state/r.html" --report "junit:$state/r.xml" \
      --report "markdown:$state/r.md" --report "sarif:$state/r.sarif" --jobs 4 >"$state/out" 2>&1
    rc=$?
    tail -n 5 "$state/out"
    check_report "$state/r.json" "$rc" "127.0.0.1:$origin_port"
    for f in r.html r.xml r.md r.sarif; do
      grep -q "127.0.0.1:$origin_port" "$state/$f" || fail "$f does not name the origin"
    done
    if [[ -z "$fault" ]]; then
      [[ $rc -eq 0 ]] || fail "clean gateway: exit $rc"
    else
      [[ $rc -eq 1 ]] || fail "gateway with $fault: exit $rc"
      grep -q "FAIL.*proxy.via.request-added" "$state/out" || fail "$fault did not fail proxy.via.request-added"
    fi
    kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null
  done
  echo "ok: gateway"
  exit 0
fi

# A real intermediary.
script="$src/scripts/targets/$which-proxy.sh"
[[ -x "$script" ]] || fail "no scripts/targets/$which-proxy.sh"
if ! "$script" installed; then
  [[ "$ci_checked" == ci && "${CI:-}" == true ]] || { echo "SKIP: $which not installed"; exit 77; }
fi
origin_port="$(free_port)"
url="$("$script" start "$state" "127.0.0.1:$origin_port")" ||
  fail "$which did not start: $(tail -n 20 "$state"/*.log 2>/dev/null)"
echo "$("$script" version) at $url"
"$bin" proxy "$url" --origin-listen "127.0.0.1:$origin_port" --report "json:$state/r.json" \
  $("$script" run-args) >"$state/out" 2>&1
rc=$?
grep -E "FAIL|ERROR" "$state/out" | head -n 40
tail -n 3 "$state/out"
[[ $rc -eq 0 || $rc -eq 1 ]] || fail "exit $rc"
check_report "$state/r.json" "$rc" "127.0.0.1:$origin_port"
# The verdicts reviewed in docs/compatibility.md ("Proxies") must not change
# unnoticed (scripts/proxies.sh BIN OUT --update NAME refreshes them).
python3 "$src/scripts/check_expected.py" "$src/tests/expected/proxy-$which.json" "$state/r.json" ||
  fail "$which's verdicts differ from tests/expected/proxy-$which.json"
