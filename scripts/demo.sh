#!/usr/bin/env bash
# The main job: install what is missing, build (release), and run the whole
# case library against the embedded reference server, writing report.html
# and report.json in the current directory (or in $1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" build
cmake --preset release -S "$root" >/dev/null
cmake --build "$root/build/release" --target httpconform -j "$(nproc)"
out="${1:-$PWD}"
mkdir -p "$out"
exec "$root/build/release/httpconform" demo --out "$out"
