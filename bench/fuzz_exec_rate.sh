#!/usr/bin/env bash
# Fuzzing throughput: exec/s of each libFuzzer target (ASan+UBSan, as the
# `fuzz` preset builds them), one target at a time, each from its seed corpus
# with its dictionary and max_len, a fixed seed and a fixed duration. New
# corpus entries go to a temporary directory. libFuzzer's own final
# statistic (stat::average_exec_per_sec) is reported.
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

echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, ${secs} s per target"
printf '%-18s %12s %12s\n' target exec/s execs
for t in "${targets[@]}"; do
  if [[ ! -x "$build/$t" ]]; then
    printf '%-18s %12s\n' "$t" "not built"
    continue
  fi
  mkdir -p "$work/$t"
  "$build/$t" -seed=1 -max_total_time="$secs" -print_final_stats=1 \
    -max_len="$(option "$t" max_len)" -dict="$root/fuzz/$(option "$t" dict)" \
    -artifact_prefix="$work/$t/" "$work/$t" "$root/fuzz/corpus/$t" > "$work/$t.log" 2>&1 || true
  rate="$(sed -n 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$work/$t.log")"
  execs="$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' "$work/$t.log")"
  printf '%-18s %12s %12s\n' "$t" "${rate:-?}" "${execs:-?}"
done
