#!/usr/bin/env python3
"""Compares a run's verdicts with a server's expected verdicts.

usage: check_expected.py EXPECTED.json REPORT.json          (exit 1 on any change)
       check_expected.py --update EXPECTED.json REPORT.json (rewrite EXPECTED.json)

EXPECTED.json maps case id -> {"outcome": fail|skip|error, "justification": why}
for every case that does not pass; pass is the default. A case that passes
now but is listed, or does not pass and is not listed with that outcome, is a
change. --update keeps existing justifications and marks new entries
"UNREVIEWED" so that a reviewer must write one.
"""
import json
import sys


def verdicts(report):
    return {r["id"]: r for r in report["results"]}


def main(argv):
    update = "--update" in argv
    args = [a for a in argv if a != "--update"]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    expected_path, report_path = args
    try:
        with open(expected_path) as f:
            expected = json.load(f)
    except FileNotFoundError:
        expected = {}
    with open(report_path) as f:
        results = verdicts(json.load(f))

    if update:
        out = {}
        for cid, r in sorted(results.items()):
            if r["outcome"] == "pass":
                continue
            old = expected.get(cid, {})
            just = old.get("justification", "UNREVIEWED") if old.get("outcome") == r["outcome"] \
                else "UNREVIEWED"
            out[cid] = {"outcome": r["outcome"], "justification": just}
        with open(expected_path, "w") as f:
            json.dump(out, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"wrote {expected_path}: {len(out)} non-pass verdicts")
        return 0

    changes = []
    for cid, r in sorted(results.items()):
        want = expected.get(cid, {}).get("outcome", "pass")
        got = r["outcome"]
        if want != got:
            why = r.get("reason") or r.get("actual") or ""
            changes.append(f"  {cid}: expected {want}, got {got}" + (f" ({why})" if why else ""))
    for cid in sorted(set(expected) - set(results)):
        changes.append(f"  {cid}: expected {expected[cid]['outcome']}, but the case did not run "
                       "(removed or renamed?)")
    unreviewed = [cid for cid, e in expected.items() if e.get("justification", "") in ("", "UNREVIEWED")]
    if changes:
        print(f"verdicts changed against {expected_path} ({len(changes)}):")
        print("\n".join(changes))
        print("If a change is right, review it against the RFC and run:\n"
              f"  python3 scripts/check_expected.py --update {expected_path} REPORT.json\n"
              "then write its justification.")
    if unreviewed:
        print(f"{len(unreviewed)} entries without a justification: {', '.join(sorted(unreviewed))}")
    if changes or unreviewed:
        return 1
    counts = {}
    for r in results.values():
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    print(f"ok: {len(results)} verdicts match {expected_path} {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
