#!/usr/bin/env bash
# Fuzzing throughput: exec/s of each libFuzzer target (ASan+UBSan, as the
# `fuzz` preset builds them), one target at a time, each from its seed corpus
# with its dictionary and max_len, a fixed seed and a fixed duration. New
# corpus entries go to a temporary directory. libFuzzer's own final
# statistic (stat::average_exec_per_sec) is reported. The baseline,
# llhttp_baseline (llhttp 8.1 under the same sanitizers and instrumentation,
# callbacks that do nothing, see fuzz/llhttp_baseline_fuzzer.cc), runs in the
# same way with response_head's seeds, dictionary and max_len, right after
# response_head, and the ratio of the two is printed.
# usage: bench/fuzz_exec_rate.sh [BUILD_DIR] [SECONDS] [TARGET...]
#   (defaults: build/fuzz, 20 s, every target)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/fuzz}"
secs="${2:-20}"
shift 2 2> /dev/null || shift $#
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] ||
  targets=(status_line response_head response_stream framing request case_loader differential)
[[ -d "$build/fuzz" ]] && build="$build/fuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
option() { sed -n "s/^$2 *= *//p" "$root/fuzz/$1.options"; }

# run BINARY_NAME OPTIONS_OF: one timed libFuzzer run; prints its row and
# leaves its rate in $rate.
run() {
  local name="$1" of="$2"
  rate=""
  if [[ ! -x "$build/$name" ]]; then
    printf '%-18s %12s\n' "$name" "not built"
    return
  fi
  mkdir -p "$work/$name"
  "$build/$name" -seed=1 -max_total_time="$secs" -print_final_stats=1 \
    -max_len="$(option "$of" max_len)" -dict="$root/fuzz/$(option "$of" dict)" \
    -artifact_prefix="$work/$name/" "$work/$name" "$root/fuzz/corpus/$of" \
    > "$work/$name.log" 2>&1 || true
  rate="$(sed -n 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$work/$name.log")"
  local execs
  execs="$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' "$work/$name.log")"
  printf '%-18s %12s %12s\n' "$name" "${rate:-?}" "${execs:-?}"
}

echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, ${secs} s per target"
printf '%-18s %12s %12s\n' target exec/s execs
for t in "${targets[@]}"; do
  run "$t" "$t"
  if [[ "$t" == response_head && -n "$rate" && -x "$build/llhttp_baseline" ]]; then
    ours="$rate"
    run llhttp_baseline response_head
    if [[ -n "$rate" && "$rate" != 0 ]]; then
      echo "response_head / llhttp_baseline: $(awk -v a="$ours" -v b="$rate" 'BEGIN { printf "%.2f", a / b }')x"
    fi
  fi
done
