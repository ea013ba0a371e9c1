#!/usr/bin/env bash
# The test command: install what is missing, build, and run every test.
#  1. the dev build (Debug) and its whole ctest suite, which installs into a
#     temporary prefix and builds the .deb (install_and_package); with
#     CI=true as root it also installs the .deb with apt-get and runs it;
#  2. the fuzz smoke: every libFuzzer target (clang, ASan+UBSan) replays its
#     seeds, then fuzzes briefly with a fixed seed (the `fuzz` preset);
#  3. the whole suite built with ASan+UBSan (the `asan` preset), but for the
#     OSS-Fuzz build-script test.
# Set HTTPCONFORM_QUICK=1 to run only the first stage (quick local loop).
# The output ends with ctest's summary line of the last stage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" test
cd "$root"
jobs="$(nproc)"

echo "== dev build and tests"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
dev_rc=0
ctest --preset dev -j "$jobs" || dev_rc=$?

if [[ "${HTTPCONFORM_QUICK:-0}" == 1 ]]; then
  exit "$dev_rc"
fi

echo "== fuzz smoke (clang, libFuzzer, ASan+UBSan)"
fuzz_rc=0
{ cmake --preset fuzz >/dev/null &&
  cmake --build --preset fuzz --target fuzzers -j "$jobs" &&
  ctest --test-dir build/fuzz -L fuzz_smoke --output-on-failure; } || fuzz_rc=$?

failed=""
[[ $dev_rc -ne 0 ]] && failed+=" dev"
[[ $fuzz_rc -ne 0 ]] && failed+=" fuzz"
echo "== ASan+UBSan build and tests${failed:+ (earlier stages FAILED:$failed)}"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
asan_rc=0
# oss_fuzz_build checks a packaging script (it compiles with its own flags),
# install_and_package the install rules and the .deb: once, in the dev stage,
# is enough.
ctest --preset asan -j "$jobs" -LE 'oss_fuzz_build|package' || asan_rc=$?
[[ $dev_rc -eq 0 && $fuzz_rc -eq 0 && $asan_rc -eq 0 ]]
