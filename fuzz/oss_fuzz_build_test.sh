#!/usr/bin/env bash
# ctest `oss_fuzz_build`: runs fuzz/oss_fuzz_build.sh with the variables
# OSS-Fuzz sets (clang, ASan + fuzzer-no-link flags, -fsanitize=fuzzer as the
# engine, SRC/WORK/OUT in a scratch directory) and checks that $OUT holds
# every target (runnable: each executes its seed zip's first input), its seed
# corpus zip and options file, and the dictionaries. RE2 comes from RE2_SRC
# when the caller sets it (as .clusterfuzzlite/build.sh does), else from the
# system's libre2-dev (scripts/install-deps.sh build installs it).
#
# usage: oss_fuzz_build_test.sh SOURCE_DIR SCRATCH_DIR
set -euo pipefail
src="$1"
scratch="$2"
rm -rf "$scratch"
mkdir -p "$scratch/work" "$scratch/out"
export CC=clang CXX=clang++
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
export SRC="$src" WORK="$scratch/work" OUT="$scratch/out" JOBS="${JOBS:-2}"
if [[ -z "${RE2_SRC:-}" ]] && ! pkg-config --exists re2; then
  echo "RE2 not found: run scripts/install-deps.sh build (libre2-dev) or set RE2_SRC"
  exit 1
fi
"$src/fuzz/oss_fuzz_build.sh"

status=0
for t in status_line response_head response_stream framing request case_loader expectations \
         differential; do
  for f in "$OUT/$t" "$OUT/${t}_seed_corpus.zip" "$OUT/$t.options"; do
    [[ -s "$f" ]] || { echo "missing in \$OUT: $(basename "$f")"; status=1; }
  done
  [[ -x "$OUT/$t" ]] || continue
  # The binary runs: 200 executions from an empty corpus, no crash.
  if ! (cd "$scratch" && "$OUT/$t" -runs=200 -seed=1 -dict="$OUT/$(sed -n 's/^dict *= *//p' "$OUT/$t.options")" >"$scratch/$t.log" 2>&1); then
    echo "$t does not run:"; tail -n 20 "$scratch/$t.log"; status=1
  fi
  entries=$(python3 -c 'import sys, zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))' "$OUT/${t}_seed_corpus.zip")
  [[ "$entries" -gt 0 ]] || { echo "${t}_seed_corpus.zip is empty"; status=1; }
done
for d in http.dict case.dict expectations.dict; do
  [[ -s "$OUT/$d" ]] || { echo "missing in \$OUT: $d"; status=1; }
done
[[ $status -eq 0 ]] && echo "oss_fuzz_build: \$OUT complete"
exit $status
