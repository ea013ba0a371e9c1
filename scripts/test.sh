#!/usr/bin/env bash
# The test command: install what is missing, build (dev preset) and run every
# test with ctest. Its last line is ctest's summary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" test
cd "$root"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)"
exec ctest --preset dev -j "$(nproc)"
