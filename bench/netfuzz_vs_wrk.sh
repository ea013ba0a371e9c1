#!/usr/bin/env bash
# Network-fuzzing throughput: `httpconform fuzz URL` (a fresh connection per
# mutated request) beside wrk against the same loopback nginx in the same
# run: wrk with `Connection: close` (like for like: one request per
# connection) and wrk keep-alive (the ceiling). Same number of concurrent
# connections and the same duration for all three. The fuzz rate includes the
# deliberate pauses between pieces of its `segment` mutation (2-17 ms each,
# about 5% of requests): at 2 connections they take most of its time.
# usage: bench/netfuzz_vs_wrk.sh [HTTPCONFORM_BINARY] [SECONDS] [CONNECTIONS]
#   (defaults: build/release/httpconform, from `cmake --preset release`, 10 s, 2 connections)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/build/release/httpconform}"
secs="${2:-10}"
conns="${3:-2}"
[[ -x "$bin" ]] || { echo "$bin: not built" >&2; exit 2; }
command -v wrk > /dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }

work="$(mktemp -d)"
state="$work/nginx"
mkdir -p "$state"
cleanup() { "$root/scripts/targets/nginx.sh" stop "$state" || true; rm -rf "$work"; }
trap cleanup EXIT
url="$("$root/scripts/targets/nginx.sh" start "$state" "$root/tests/fixtures/docroot")"
load="$(cut -d' ' -f1-3 /proc/loadavg)"

# wrk's "Requests/sec:" line.
wrk_rate() { sed -n 's/^Requests\/sec:[[:space:]]*//p' "$1"; }

"$bin" fuzz "$url" --duration "$secs" --jobs "$conns" --quiet --out "$work/findings" \
  > /dev/null 2> "$work/fuzz.err" || true
fuzz_rate="$(sed -n 's/^fuzz: .*(\([0-9.]*\) req\/s).*/\1/p' "$work/fuzz.err")"
fuzz_line="$(grep '^fuzz: ' "$work/fuzz.err" || cat "$work/fuzz.err")"
threads=$(( conns < $(nproc) ? conns : $(nproc) ))
wrk -t "$threads" -c "$conns" -d "${secs}s" -H 'Connection: close' "$url" > "$work/wrk-close.txt"
wrk -t "$threads" -c "$conns" -d "${secs}s" "$url" > "$work/wrk-ka.txt"
close_rate="$(wrk_rate "$work/wrk-close.txt")"
ka_rate="$(wrk_rate "$work/wrk-ka.txt")"

python3 - "$fuzz_rate" "$close_rate" "$ka_rate" "$load" "$(nproc)" "$secs" "$conns" \
  "$fuzz_line" <<'PY'
import sys
fuzz, close, ka = (float(x or 0) for x in sys.argv[1:4])
load, cpus, secs, conns, line = sys.argv[4:]
print(f"load {load}, {cpus} CPUs, {secs} s each, {conns} connections")
print(f"{'':<34}{'req/s':>10}{'vs wrk close':>14}")
print(f"{'httpconform fuzz (new conn/req)':<34}{fuzz:>10.0f}{fuzz / close if close else 0:>14.2f}")
print(f"{'wrk, Connection: close':<34}{close:>10.0f}{1:>14.2f}")
print(f"{'wrk, keep-alive':<34}{ka:>10.0f}{ka / close if close else 0:>14.2f}")
print(line)
print("target (>= 30% of wrk close):", "met" if close and fuzz / close >= 0.30 else "NOT met")
PY
