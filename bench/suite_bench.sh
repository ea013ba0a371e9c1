#!/usr/bin/env bash
# Suite benchmark: the whole case library against a loopback nginx, beside a
# generated script that issues the same structured requests with one curl
# process per request (bench/gen_curl_script.py), in the same run. Prints
# wall time, cases (and requests) per second and peak RSS of both, and the
# ratios. Peak RSS and wall time come from GNU time (`time` package).
# usage: bench/suite_bench.sh [HTTPCONFORM_BINARY] [-- extra `run` options]
#   (default binary: build/release/httpconform, from `cmake --preset release`)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/build/release/httpconform}"
shift || true
[[ "${1:-}" == "--" ]] && shift
[[ -x "$bin" ]] || { echo "$bin: not built" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

work="$(mktemp -d)"
state="$work/nginx"
mkdir -p "$state"
cleanup() { "$root/scripts/targets/nginx.sh" stop "$state" || true; rm -rf "$work"; }
trap cleanup EXIT
url="$("$root/scripts/targets/nginx.sh" start "$state" "$root/tests/fixtures/docroot")"

# field NAME FILE: a number from GNU time -v output.
field() { sed -n "s/^[[:space:]]*$1: //p" "$2" | tail -1; }
# wall FILE: "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23" in seconds.
wall() {
  sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }'
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
# 1. httpconform: every case, every report format that costs anything off.
/usr/bin/time -v -o "$work/ours.time" "$bin" run "$url" --report "json:$work/report.json" "$@" \
  > "$work/ours.out" 2>&1 || true
read -r cases requests outcomes < <(python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
steps = sum(len(x.get("steps", [])) for x in r["results"])
print(s["total"], steps, "pass={pass}/fail={fail}/skip={skip}/error={error}".format(**s))
PY
)

# 2. The curl baseline, generated for this URL.
python3 "$root/bench/gen_curl_script.py" "$url" > "$work/curl.sh"
curl_requests="$(grep -c -E '^(curl|printf) ' "$work/curl.sh")"
/usr/bin/time -v -o "$work/curl.time" bash "$work/curl.sh" > /dev/null 2> "$work/curl.err" || true

ours_wall="$(wall "$work/ours.time")"
curl_wall="$(wall "$work/curl.time")"
ours_rss="$(field 'Maximum resident set size (kbytes)' "$work/ours.time")"
curl_rss="$(field 'Maximum resident set size (kbytes)' "$work/curl.time")"
python3 - "$ours_wall" "$curl_wall" "$cases" "$requests" "$curl_requests" "$ours_rss" \
  "$curl_rss" "$outcomes" "$load" "$(nproc)" <<'PY'
import sys
ow, cw, cases, req, creq, orss, crss, outcomes, load, cpus = sys.argv[1:]
ow, cw = float(ow), float(cw)
cases, req, creq, orss, crss = int(cases), int(req), int(creq), int(orss), int(crss)
print(f"load {load}, {cpus} CPUs")
print(f"{'':<12}{'wall s':>9}{'cases':>7}{'cases/s':>9}{'requests':>10}{'req/s':>8}{'peak RSS MB':>13}")
print(f"{'httpconform':<12}{ow:>9.2f}{cases:>7}{cases / ow:>9.1f}{req:>10}{req / ow:>8.1f}{orss / 1024:>13.1f}")
print(f"{'curl script':<12}{cw:>9.2f}{'-':>7}{'-':>9}{creq:>10}{creq / cw:>8.1f}{crss / 1024:>13.1f}")
print(f"outcomes: {outcomes}")
print(f"ratio curl/httpconform wall time: {cw / ow:.1f}x; per request: {(cw / creq) / (ow / req):.1f}x")
ok = cases / ow >= 100 and cw / ow >= 10 and orss <= 32 * 1024
print("targets (>= 100 cases/s, >= 10x curl, <= 32 MB):", "met" if ok else "NOT met")
PY
