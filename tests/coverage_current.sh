#!/usr/bin/env bash
# docs/coverage.md must equal what `httpconform coverage` prints now, and
# `httpconform coverage --json` must tell the same figures.
# usage: coverage_current.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
if ! diff -u "$src/docs/coverage.md" <("$bin" coverage); then
  echo "docs/coverage.md is stale: run '$bin coverage > docs/coverage.md'"
  exit 1
fi
echo "docs/coverage.md is current"
"$bin" coverage --json | python3 -c '
import json, re, sys
doc = json.load(sys.stdin)
md = open(sys.argv[1], encoding="utf-8").read()
bad = 0
for level in ("MUST", "SHOULD", "MAY"):
    t = doc["total"][level]
    m = re.search(r"^\| %s \| (\d+) \| (\d+) \| (\d+) \|" % level, md, re.M)
    if not m or [int(x) for x in m.groups()] != [t["covered"], t["origin"], t["all"]]:
        print(f"--json total {level} {t} disagrees with docs/coverage.md"); bad = 1
    if level != "MAY" and t["origin"] and t["percent"] != round(1000 * t["covered"] / t["origin"]) / 10:
        print(f"--json percent of {level} is wrong: {t}"); bad = 1
reqs = doc["requirements"]
if len({r["id"] for r in reqs}) != len(reqs) or not reqs:
    print("--json requirements: missing or duplicate ids"); bad = 1
for rfc in doc["rfcs"]:
    number = rfc["rfc"]
    n = sum(1 for r in reqs if r["rfc"] == rfc["rfc"])
    if n != rfc["requirements"] or sum(rfc["observable"].values()) != n:
        print(f"--json RFC {number}: counts disagree"); bad = 1
    for level in ("MUST", "SHOULD", "MAY"):
        covered = sum(1 for r in reqs if r["rfc"] == rfc["rfc"] and r["level"] == level
                      and r["observable"] == "origin" and r["covered_by"])
        if covered != rfc["levels"][level]["covered"]:
            print(f"--json RFC {number} {level}: covered list and count disagree"); bad = 1
uncovered = [r for r in reqs if r["observable"] == "origin" and not r["covered_by"]]
missing = [r["id"] for r in uncovered if not (r.get("reason") or r.get("plan"))]
if missing:
    print("uncovered origin-observable requirements without reason or plan: " + ", ".join(missing)); bad = 1
sys.exit(bad)
' "$src/docs/coverage.md" || exit 1
echo "httpconform coverage --json agrees"
