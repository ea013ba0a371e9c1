#!/usr/bin/env python3
"""Writes N servers' JSON reports of M cases each, for the matrix browser test.

usage: make_matrix_reports.py SAMPLE.json OUT_DIR N M

Every case is a copy of one of SAMPLE.json's results (reports/render_sample's
hostile sample: markup, NUL, invalid UTF-8 and "</script>" in reasons,
fields and bytes) under a new id, spread over RFC sections, with outcomes
that differ between servers. Server 0 is "evil": its version (NAME.version),
its "about" line (NAME.about) and the review of its first failure
(OUT_DIR/expected/evil.json) carry a script payload too. The others get
NAME.version only and no reviews.
"""
import copy
import json
import os
import sys

PAYLOAD = '<script>window.__pwned=1</script>"><img src=x onerror=window.__pwned=2>'


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    sample_path, out, servers, cases = argv[0], argv[1], int(argv[2]), int(argv[3])
    with open(sample_path) as f:
        sample = json.load(f)
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    for s in range(servers):
        name = "evil" if s == 0 else f"server-{s:02d}"
        report = copy.deepcopy(sample)
        results = []
        for c in range(cases):
            r = copy.deepcopy(sample["results"][c % len(sample["results"])])
            r["id"] = f"zoo.case-{c:03d}"
            r["spec"]["rfc"] = 9110 if c % 3 else 9112
            r["spec"]["section"] = f"{c % 15 + 1}.{c % 4}"
            # A fifth of the rows fail on two servers, a tenth errs on one,
            # a fifth skip everywhere (same outcome: no difference), the rest pass.
            if c % 5 == 1 and s in ((c // 5) % servers, (c // 5 + 7) % servers):
                r["outcome"] = "fail"
            elif c % 10 == 3 and s == c % servers:
                r["outcome"] = "error"
            elif c % 5 == 2:
                r["outcome"] = "skip"
            else:
                r["outcome"] = "pass"
            results.append(r)
        report["results"] = results
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(report, f)
        with open(os.path.join(out, name + ".version"), "w") as f:
            f.write(f"{name} {s}.0" + (" " + PAYLOAD if s == 0 else "") + "\n")
        if s == 0:
            with open(os.path.join(out, name + ".about"), "w") as f:
                f.write("app " + PAYLOAD + "\n")
            first_fail = next(r["id"] for r in results if r["outcome"] == "fail")
            with open(os.path.join(out, "expected", name + ".json"), "w") as f:
                json.dump({first_fail: {"outcome": "fail", "justification": "review " + PAYLOAD}}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
