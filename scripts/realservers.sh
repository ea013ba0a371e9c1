#!/usr/bin/env bash
# Runs the whole case library against real servers (scripts/targets/NAME.sh),
# one run per server with --jobs 4 and no --var (autodiscovery on), and
# leaves in OUT_DIR, per server: NAME.json (the report), NAME.version
# ("name version"), NAME.about (how it serves the files, when a target
# script says: an application of ours) and NAME.time ("start S run S":
# seconds to start the server and to run the library).
# usage: scripts/realservers.sh HTTPCONFORM_BINARY OUT_DIR [--all | SERVER...]
#        default servers: nginx apache2 lighttpd h2o caddy python node;
#        --all: every script in scripts/targets (installs what is missing)
# Then: httpconform matrix OUT_DIR/*.json --out DIR --expected tests/expected
#   or: python3 scripts/compat_matrix.py OUT_DIR/*.json > docs/compatibility.md
set -uo pipefail
[[ $# -ge 2 ]] || { sed -n '2,13p' "$0" >&2; exit 2; }
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; out="$2"; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
servers=("$@")
if [[ ${#servers[@]} -eq 1 && "${servers[0]}" == --all ]]; then
  servers=()
  for f in "$here"/targets/*.sh; do
    [[ "$(basename "$f")" == lib.sh ]] || servers+=("$(basename "$f" .sh)")
  done
fi
[[ ${#servers[@]} -gt 0 ]] || servers=(nginx apache2 lighttpd h2o caddy python node)
mkdir -p "$out"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
status=0
for s in "${servers[@]}"; do
  [[ -x "$here/targets/$s.sh" ]] || { echo "$s: no scripts/targets/$s.sh" >&2; status=1; continue; }
  state="$(mktemp -d)"
  t0="$(now)"
  if ! url="$("$here/targets/$s.sh" start "$state" "$src/tests/fixtures/docroot")"; then
    echo "$s: did not start" >&2; status=1; rm -rf "$state"; continue
  fi
  t1="$(now)"
  "$here/targets/$s.sh" version > "$out/$s.version"
  about="$("$here/targets/$s.sh" about 2>/dev/null)" || about=""
  if [[ -n "$about" ]]; then echo "$about" > "$out/$s.about"; else rm -f "$out/$s.about"; fi
  echo "== $s ($(cat "$out/$s.version")) at $url" >&2
  timeout 600 "$bin" run "$url" --jobs 4 --quiet --report "json:$out/$s.json" >/dev/null
  rc=$?
  t2="$(now)"
  "$here/targets/$s.sh" stop "$state"
  rm -rf "$state"
  echo "start $(secs "$t0" "$t1") run $(secs "$t1" "$t2")" > "$out/$s.time"
  echo "   $s: exit $rc, $(cat "$out/$s.time") s" >&2
  # 0 and 1 are verdicts; anything else (usage, unreachable, timeout) is not.
  [[ $rc -le 1 ]] || { echo "$s: run exited $rc" >&2; status=1; }
done
exit $status
