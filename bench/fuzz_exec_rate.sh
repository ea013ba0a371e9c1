#!/usr/bin/env bash
# Fuzzing throughput of the libFuzzer targets (ASan+UBSan, as the `fuzz`
# preset builds them).
#
# Two modes:
#
#   bench/fuzz_exec_rate.sh [BUILD_DIR] [SECONDS] [TARGET...]
#     Each target (default: all) once, from its seed corpus, with its
#     dictionary and max_len, a fixed seed and a fixed duration; prints
#     libFuzzer's own final statistic (stat::average_exec_per_sec).
#
#   bench/fuzz_exec_rate.sh --vs-llhttp [--runs N] [--coverage SECONDS] [BUILD_DIR] [SECONDS]
#     response_head against llhttp_baseline (llhttp 8.1 under the same
#     sanitizers and instrumentation, callbacks that do nothing, see
#     fuzz/llhttp_baseline_fuzzer.cc) with the same flags: response_head's
#     dictionary and max_len, the same -seed, the same duration. N runs
#     (default 3) from an empty corpus, then N from the seed corpus. The two
#     targets of a run are started together and run side by side, one CPU
#     each, so that whatever else loads the machine loads both alike: the
#     ratio of a run is meaningful even when the absolute rates are not.
#     Prints the load average around every run and ours/llhttp per run
#     (--runs 0: none, for --coverage alone).
#     With --coverage, one more pair of runs of SECONDS (300 for "after five
#     minutes") from each starting corpus, printing what each reached:
#     cov (edges), ft (features), corpus size, out of the counters the
#     binary has. Each target's figures are about its own code: compare
#     ours before and after a change, llhttp's for scale.
#
# New corpus entries go to a temporary directory (in /dev/shm when there is
# one), never into fuzz/corpus/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=each
runs=3
coverage=0
while [[ $# -gt 0 && "$1" == --* ]]; do
  case "$1" in
    --vs-llhttp) mode=vs ;;
    --runs) runs="$2"; shift ;;
    --coverage) coverage="$2"; shift ;;
    *) echo "usage: $0 [--vs-llhttp [--runs N] [--coverage SECONDS]] [BUILD_DIR] [SECONDS] [TARGET...]" >&2
       exit 2 ;;
  esac
  shift
done
build="${1:-$root/build/fuzz}"
secs="${2:-20}"
shift 2 2> /dev/null || shift $#
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] ||
  targets=(status_line response_head response_stream framing request case_loader expectations
           differential)
[[ -d "$build/fuzz" ]] && build="$build/fuzz"
# In memory when possible: libFuzzer writes each new corpus entry as a file,
# and on a busy disk file creation otherwise weighs on the exec/s measured.
work="$(mktemp -d -p /dev/shm 2> /dev/null || mktemp -d)"
trap 'rm -rf "$work"' EXIT
option() { sed -n "s/^$2 *= *//p" "$root/fuzz/$1.options"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# start NAME OPTIONS_OF SECONDS CORPUS(empty|seeds) LOG: one timed libFuzzer
# run in the background; its PID goes to $pid.
start() {
  local name="$1" of="$2" t="$3" corpus="$4" log="$5"
  local dir="$work/corpus.$RANDOM.$name"
  mkdir -p "$dir"
  local dirs=("$dir")
  [[ "$corpus" == seeds ]] && dirs+=("$root/fuzz/corpus/$of")
  "$build/$name" -seed=1 -max_total_time="$t" -print_final_stats=1 \
    -max_len="$(option "$of" max_len)" -dict="$root/fuzz/$(option "$of" dict)" \
    -artifact_prefix="$dir/" "${dirs[@]}" > "$log" 2>&1 &
  pid=$!
}
stat_of() { sed -n "s/^stat::$2:[[:space:]]*//p" "$1"; }
# cov ft corp/size of the last status line, and the binary's counter total.
reach_of() {
  local line counters
  line="$(grep -E '^#[0-9]+' "$1" | tail -1)"
  counters="$(sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' "$1" | head -1)"
  echo "$(sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\) corp: \([^ ]*\).*/cov \1 ft \2 corpus \3/p' \
    <<< "$line") of ${counters:-?} counters"
}

if [[ "$mode" == each ]]; then
  echo "load $(load), $(nproc) CPUs, ${secs} s per target"
  printf '%-18s %12s %12s\n' target exec/s execs
  for t in "${targets[@]}"; do
    if [[ ! -x "$build/$t" ]]; then
      printf '%-18s %12s\n' "$t" "not built"
      continue
    fi
    start "$t" "$t" "$secs" seeds "$work/$t.log"
    wait "$pid" || true
    printf '%-18s %12s %12s\n' "$t" "$(stat_of "$work/$t.log" average_exec_per_sec)" \
      "$(stat_of "$work/$t.log" number_of_executed_units)"
  done
  exit 0
fi

for t in response_head llhttp_baseline; do
  [[ -x "$build/$t" ]] || { echo "$build/$t is not built" >&2; exit 1; }
done
echo "response_head vs llhttp_baseline: same flags (dict $(option response_head dict)," \
  "max_len $(option response_head max_len), -seed=1), ${secs} s per run, side by side;" \
  "$(nproc) CPUs"
for corpus in empty seeds; do
  ratios=()
  for ((i = 1; i <= runs; i++)); do
    before="$(load)"
    start response_head response_head "$secs" "$corpus" "$work/ours.log"
    ours_pid=$pid
    start llhttp_baseline response_head "$secs" "$corpus" "$work/llhttp.log"
    wait "$ours_pid" "$pid" || true
    ours="$(stat_of "$work/ours.log" average_exec_per_sec)"
    theirs="$(stat_of "$work/llhttp.log" average_exec_per_sec)"
    ratio="$(awk -v a="${ours:-0}" -v b="${theirs:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')"
    ratios+=("$ratio")
    printf '%-5s run %d: ours %7s exec/s, llhttp %7s exec/s, ours/llhttp %5sx  (load %s -> %s)\n' \
      "$corpus" "$i" "${ours:-?}" "${theirs:-?}" "$ratio" "$before" "$(load)"
  done
  if [[ $runs -gt 0 ]]; then
    echo "$corpus: ours/llhttp over $runs runs: $(printf '%s\n' "${ratios[@]}" | sort -n | paste -sd' ')" \
      "(min .. max)"
  fi
done
if [[ "$coverage" != 0 ]]; then
  for corpus in empty seeds; do
    before="$(load)"
    start response_head response_head "$coverage" "$corpus" "$work/ours.log"
    ours_pid=$pid
    start llhttp_baseline response_head "$coverage" "$corpus" "$work/llhttp.log"
    wait "$ours_pid" "$pid" || true
    echo "coverage after ${coverage} s from $corpus (load $before -> $(load)):"
    echo "  response_head:   $(reach_of "$work/ours.log"), $(stat_of "$work/ours.log" average_exec_per_sec) exec/s"
    echo "  llhttp_baseline: $(reach_of "$work/llhttp.log"), $(stat_of "$work/llhttp.log" average_exec_per_sec) exec/s"
  done
fi
