#!/usr/bin/env bash
# Runs the whole case library against real servers (scripts/targets/NAME.sh),
# one run per server with --jobs 4 and no --var (autodiscovery on), and
# leaves OUT/NAME.json (the report) and OUT/NAME.version ("name version").
# usage: scripts/realservers.sh HTTPCONFORM_BINARY OUT_DIR [SERVER...]
#        (default servers: nginx apache2 lighttpd h2o caddy python node)
# Then: python3 scripts/compat_matrix.py OUT_DIR/*.json > docs/compatibility.md
set -uo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; out="$2"; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
servers=("$@")
[[ ${#servers[@]} -gt 0 ]] || servers=(nginx apache2 lighttpd h2o caddy python node)
mkdir -p "$out"
status=0
for s in "${servers[@]}"; do
  state="$(mktemp -d)"
  if ! url="$("$here/targets/$s.sh" start "$state" "$src/tests/fixtures/docroot")"; then
    echo "$s: did not start" >&2; status=1; rm -rf "$state"; continue
  fi
  "$here/targets/$s.sh" version > "$out/$s.version"
  echo "== $s ($(cat "$out/$s.version")) at $url" >&2
  timeout 600 "$bin" run "$url" --jobs 4 --quiet --report "json:$out/$s.json"
  rc=$?
  "$here/targets/$s.sh" stop "$state"
  rm -rf "$state"
  # 0 and 1 are verdicts; anything else (usage, unreachable, timeout) is not.
  [[ $rc -le 1 ]] || { echo "$s: run exited $rc" >&2; status=1; }
done
exit $status
