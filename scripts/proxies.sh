#!/usr/bin/env bash
# Runs the proxy case library (`httpconform proxy`) against real
# intermediaries (scripts/targets/NAME-proxy.sh), each started as a gateway in
# front of the origin the run scripts on a free loopback port (or as a forward
# proxy reaching it), with the flags the script asks for (`NAME-proxy.sh
# run-args`: --jobs, --forward), and leaves in OUT_DIR per
# intermediary: NAME.json (the report), NAME.version ("name version") and
# NAME.time ("start S run S"). Each run's verdicts are then compared with
# tests/expected/proxy-NAME.json (scripts/check_expected.py); with --update
# that file is rewritten instead, its reviews kept where the verdict did not
# change and new non-pass verdicts marked UNREVIEWED, for a reviewer to
# justify against the case's quote (the command to refresh every expected
# verdict after the case library changes: --update --all).
# usage: scripts/proxies.sh HTTPCONFORM_BINARY OUT_DIR [--update] [--all | NAME...]
#        no NAME, or --all: every scripts/targets/*-proxy.sh (installs what is missing)
# Exit status 0 when every intermediary ran and its verdicts match (or were
# rewritten), 1 otherwise.
# Then: python3 scripts/compat_proxies.py OUT_DIR/*.json   (the "Proxies"
#       section of docs/compatibility.md, rewritten in place)
set -uo pipefail
[[ $# -ge 2 ]] || { sed -n '2,19p' "$0" >&2; exit 2; }
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; out="$2"; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
source "$here/targets/lib.sh"
update=0
names=()
for a in "$@"; do
  case "$a" in
    --update) update=1 ;;
    --all) ;;
    -*) echo "proxies.sh: unknown option $a" >&2; exit 2 ;;
    *) names+=("$a") ;;
  esac
done
if [[ ${#names[@]} -eq 0 ]]; then
  for f in "$here"/targets/*-proxy.sh; do names+=("$(basename "$f" -proxy.sh)"); done
fi
mkdir -p "$out"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
status=0
for n in "${names[@]}"; do
  script="$here/targets/$n-proxy.sh"
  [[ -x "$script" ]] || { echo "$n: no scripts/targets/$n-proxy.sh" >&2; status=1; continue; }
  state="$(mktemp -d)"
  origin="127.0.0.1:$(free_port)"
  t0="$(now)"
  if ! url="$("$script" start "$state" "$origin")"; then
    echo "$n: did not start" >&2; status=1; rm -rf "$state"; continue
  fi
  t1="$(now)"
  "$script" version >"$out/$n.version"
  echo "== $n ($(cat "$out/$n.version")) at $url, origin $origin" >&2
  timeout 600 "$bin" proxy "$url" --origin-listen "$origin" $("$script" run-args) --quiet \
    --report "json:$out/$n.json" >/dev/null
  rc=$?
  t2="$(now)"
  "$script" stop "$state"
  rm -rf "$state"
  echo "start $(secs "$t0" "$t1") run $(secs "$t1" "$t2")" >"$out/$n.time"
  echo "   $n: exit $rc, $(cat "$out/$n.time") s" >&2
  # 0 and 1 are verdicts; anything else (usage, unreachable, timeout) is not.
  if [[ $rc -gt 1 || ! -f "$out/$n.json" ]]; then
    echo "$n: run exited $rc" >&2; status=1; continue
  fi
  if [[ $update -eq 1 ]]; then
    python3 "$src/scripts/check_expected.py" --update "$src/tests/expected/proxy-$n.json" "$out/$n.json" >&2
  else
    python3 "$src/scripts/check_expected.py" "$src/tests/expected/proxy-$n.json" "$out/$n.json" >&2 || status=1
  fi
done
exit $status
