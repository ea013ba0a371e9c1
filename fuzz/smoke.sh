#!/usr/bin/env bash
# CI smoke test for the libFuzzer targets: for every target, replay its seed
# corpus and saved regressions, then fuzz for a fixed short time with a fixed
# seed. Fails on any crash, leak, timeout or broken invariant and prints the
# offending input as hex. New corpus entries go to a temporary directory, never
# into fuzz/corpus/.
#
# usage: fuzz/smoke.sh BUILD_DIR [SECONDS]
#   BUILD_DIR  a build of the `fuzz` preset (the targets are in BUILD_DIR/fuzz/
#              or BUILD_DIR itself); SECONDS per target, default 20.
#   SMOKE_JOBS targets fuzzed at once (default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: smoke.sh BUILD_DIR [SECONDS]}"
seconds="${2:-20}"
[[ -x "$build/fuzz/status_line" ]] && build="$build/fuzz"
targets=(status_line response_head response_stream framing request case_loader expectations
         differential)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

option() {  # option TARGET KEY: a value from TARGET.options
  sed -n "s/^$2 *= *//p" "$here/$1.options"
}

run_target() {
  local t="$1" bin="$build/$1" log="$work/$1.log"
  if [[ ! -x "$bin" ]]; then
    # Only the differential target may be absent (its oracles are optional).
    echo "$([[ $t == differential ]] && echo SKIP || echo FAIL) $t: $bin not built"
    [[ $t == differential ]]
    return
  fi
  local dirs=("$here/corpus/$t")
  [[ -d "$here/regressions/$t" ]] && dirs+=("$here/regressions/$t")
  mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
  local common=(-max_len="$(option "$t" max_len)" -dict="$here/$(option "$t" dict)"
                -artifact_prefix="$work/$t/artifacts/" -timeout=10 -rss_limit_mb=2048)
  local status=0
  # 1. Every seed and regression once.
  "$bin" "${common[@]}" -runs=0 "${dirs[@]}" >"$log" 2>&1 || status=$?
  # 2. A short, reproducible fuzzing run starting from them.
  if [[ $status -eq 0 ]]; then
    "$bin" "${common[@]}" -seed=1 -max_total_time="$seconds" -print_final_stats=1 \
      "$work/$t/corpus" "${dirs[@]}" >>"$log" 2>&1 || status=$?
  fi
  if [[ $status -ne 0 ]]; then
    echo "FAIL $t (exit $status)"
    tail -n 40 "$log"
    local a
    for a in "$work/$t/artifacts"/*; do
      [[ -f "$a" ]] || continue
      echo "input $(basename "$a") ($(wc -c <"$a") bytes, hex):"
      od -An -tx1 -v "$a" | tr -d ' \n' | fold -w 128
      echo
      echo "save it as: fuzz/regressions/$t/$(sha1sum "$a" | cut -c1-40)"
    done
    return 1
  fi
  echo "ok   $t: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 | sed -E 's/^#[0-9]+[[:space:]]+DONE[[:space:]]+//')"
}

export -f run_target option
export build here work seconds
printf '%s\n' "${targets[@]}" | xargs -P "${SMOKE_JOBS:-2}" -I{} bash -c 'run_target "$@"' _ {}
