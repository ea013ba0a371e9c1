#!/usr/bin/env bash
# OSS-Fuzz / ClusterFuzzLite build script: compiles every fuzz target with the
# environment OSS-Fuzz sets ($CC, $CXX, $CFLAGS, $CXXFLAGS, $LIB_FUZZING_ENGINE,
# $OUT) and puts into $OUT each target, <target>_seed_corpus.zip, the
# dictionaries and <target>.options.
#
# It compiles the few libraries the targets need (harness/core, wire,
# pattern, loader) directly instead of configuring the whole CMake project,
# whose other modules need libcurl, OpenSSL and CLI11 that a fuzzing image has
# no use for. The oracles of the differential target are found in the Debian
# locations or where these point: LLHTTP_SRC (llhttp.c, api.c, http.c),
# LLHTTP_INCLUDE (llhttp.h), HTTP_PARSER_SRC (http_parser.c and .h: compiled
# in) and NLOHMANN_INCLUDE (nlohmann/json.hpp). Without an oracle the
# differential target is skipped with a message. RE2 (harness/pattern) is
# compiled from RE2_SRC when set: a checkout of release 2022-06-01 (the
# Debian 12 version, the last without Abseil), built with the fuzzing flags,
# and with OSS-Fuzz's libc++, which a prebuilt libre2 would not match;
# otherwise the system's (Debian libre2-dev) is found with pkg-config.
#
# usage: fuzz/oss_fuzz_build.sh       (from anywhere; $OUT must be set)
set -euo pipefail

: "${OUT:?OUT must be set}"
: "${CC:=clang}" "${CXX:=clang++}" "${CFLAGS:=}" "${CXXFLAGS:=}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-$(mktemp -d)}/httpconform-fuzz-objs"
jobs="${JOBS:-$(nproc)}"
mkdir -p "$work" "$OUT"

llhttp_src="${LLHTTP_SRC:-/usr/share/llhttp}"
llhttp_include="${LLHTTP_INCLUDE:-/usr/share/include/llhttp}"
includes=(-I"$root")
[[ -n "${NLOHMANN_INCLUDE:-}" ]] && includes+=(-I"$NLOHMANN_INCLUDE")
re2_link=()
if [[ -n "${RE2_SRC:-}" ]]; then
  includes+=(-I"$RE2_SRC")
else
  read -r -a re2_cflags <<<"$(pkg-config --cflags re2 2>/dev/null || true)"
  read -r -a re2_link <<<"$(pkg-config --libs re2 2>/dev/null || echo -lre2)"
  includes+=("${re2_cflags[@]}")
fi
read -r -a cxxflags <<<"$CXXFLAGS"
read -r -a cflags <<<"$CFLAGS"
read -r -a engine <<<"$LIB_FUZZING_ENGINE"

# compile SRC OBJ [extra flags...]: C or C++ by extension.
compile() {
  local src="$1" obj="$2"
  shift 2
  if [[ "$src" == *.c ]]; then
    "$CC" "${cflags[@]}" "$@" -c "$src" -o "$obj"
  else
    "$CXX" "${cxxflags[@]}" -std=c++17 "${includes[@]}" "$@" -c "$src" -o "$obj"
  fi
}

# 1. The libraries the targets link: every non-test source of core, wire,
# pattern, loader, and the server's fault catalogue; RE2's library sources when built here.
lib_sources=()
for dir in harness/core harness/wire harness/pattern harness/loader; do
  for src in "$root/$dir"/*.cc; do
    [[ "$src" == *_test.cc || "$src" == *_for_testing.cc ]] && continue
    lib_sources+=("$src")
  done
done
# The loader checks killed_by against the fault catalogues (core only): the
# reference server's and the reference gateway's.
lib_sources+=("$root/harness/server/faults.cc" "$root/harness/server/fault_rows_later.cc"
             "$root/harness/server/fault_set.cc"
             "$root/harness/proxy/gateway_faults.cc")
if [[ -n "${RE2_SRC:-}" ]]; then
  lib_sources+=("$RE2_SRC"/re2/*.cc "$RE2_SRC/util/rune.cc" "$RE2_SRC/util/strutil.cc")
fi
lib_objects=()
pids=()
for src in "${lib_sources[@]}"; do
  obj="$work/$(basename "$(dirname "$src")")_$(basename "$src" .cc).o"
  lib_objects+=("$obj")
  compile "$src" "$obj" &
  pids+=($!)
  if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

# 2. The oracles of the differential target.
targets=(status_line response_head response_stream framing request case_loader expectations
         differential)
oracle_objects=()
if [[ -f "$llhttp_src/llhttp.c" && -f "$llhttp_include/llhttp.h" ]] &&
   { [[ -f "${HTTP_PARSER_SRC:-}/http_parser.c" ]] || [[ -f /usr/include/http_parser.h ]]; }; then
  for f in llhttp api http; do
    compile "$llhttp_src/$f.c" "$work/llhttp_$f.o" -w -fno-sanitize=undefined -I"$llhttp_include"
    oracle_objects+=("$work/llhttp_$f.o")
  done
  compile "$root/fuzz/llhttp_oracle.cc" "$work/llhttp_oracle.o" -I"$llhttp_include"
  hp_include=()
  if [[ -f "${HTTP_PARSER_SRC:-}/http_parser.c" ]]; then
    hp_include=(-I"$HTTP_PARSER_SRC")
    compile "$HTTP_PARSER_SRC/http_parser.c" "$work/http_parser.o" -w "${hp_include[@]}"
    oracle_objects+=("$work/http_parser.o")
  else
    oracle_objects+=(/usr/lib/x86_64-linux-gnu/libhttp_parser.a)
  fi
  compile "$root/fuzz/http_parser_oracle.cc" "$work/http_parser_oracle.o" "${hp_include[@]}"
  oracle_objects=("$work/llhttp_oracle.o" "$work/http_parser_oracle.o" "${oracle_objects[@]}")
else
  echo "oss_fuzz_build: llhttp or http-parser not found; skipping the differential target" >&2
  targets=("${targets[@]/differential}")
fi

# The expectations target also links the runner's evaluator and captures
# (not the rest of the runner, which needs the transport).
runner_objects=()
for f in expectations origin_checks captures; do
  compile "$root/harness/runner/$f.cc" "$work/runner_$f.o"
  runner_objects+=("$work/runner_$f.o")
done

# 3. The targets, and what OSS-Fuzz wants beside each.
for t in "${targets[@]}"; do
  [[ -z "$t" ]] && continue
  compile "$root/fuzz/${t}_fuzzer.cc" "$work/${t}_fuzzer.o"
  extra=()
  [[ "$t" == differential ]] && extra=("${oracle_objects[@]}")
  [[ "$t" == expectations ]] && extra=("${runner_objects[@]}")
  "$CXX" "${cxxflags[@]}" "$work/${t}_fuzzer.o" "${lib_objects[@]}" "${extra[@]}" "${engine[@]}" \
    "${re2_link[@]}" -pthread -o "$OUT/$t"
  cp "$root/fuzz/$t.options" "$OUT/$t.options"
  rm -f "$OUT/${t}_seed_corpus.zip"
  python3 - "$root/fuzz/corpus/$t" "$root/fuzz/regressions/$t" "$OUT/${t}_seed_corpus.zip" <<'PY'
import pathlib, sys, zipfile
with zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as z:
    for d in sys.argv[1:3]:
        p = pathlib.Path(d)
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if f.is_file():
                    z.write(f, f.name)
PY
done
cp "$root/fuzz/http.dict" "$root/fuzz/case.dict" "$root/fuzz/expectations.dict" "$OUT/"
echo "oss_fuzz_build: built ${targets[*]} into $OUT"
