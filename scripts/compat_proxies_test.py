#!/usr/bin/env python3
"""Tests of compat_proxies.py: the Proxies section of docs/compatibility.md.

Two made-up intermediary runs (reports as scripts/proxies.sh writes them, with
their .version and .time and expected verdicts beside them) are rendered and
spliced into a document twice: the section is added at the end, then
replaced, never duplicated, and what precedes it is left byte for byte; each
FAIL carries its quote and review; the provoked table shows a status the RFC
does not name in bold, and an error as an error.
usage: compat_proxies_test.py
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compat_proxies  # noqa: E402


def result(cid, outcome, status=None, reason="", duration_ms=2000.0):
    steps = []
    if status is not None:
        steps.append({"request": {"bytes": "GET /__hc/x HTTP/1.1\r\nHost: h\r\n\r\n"},
                      "response": {"version": "HTTP/1.1", "status": status, "reason": "R",
                                   "headers": [["Content-Length", "0"]]},
                      "duration_ms": duration_ms, "checks": []})
    return {"id": cid, "outcome": outcome, "reason": reason, "steps": steps,
            "spec": {"rfc": 9110, "section": "7.6.3", "level": "MUST", "quote": "QUOTE-" + cid}}


def write_run(directory, name, results, expected):
    with open(os.path.join(directory, "out", name + ".json"), "w") as f:
        json.dump({"results": results}, f)
    with open(os.path.join(directory, "out", name + ".version"), "w") as f:
        f.write(f"{name} 1.0\n")
    with open(os.path.join(directory, "out", name + ".time"), "w") as f:
        f.write("start 0.1 run 2.0\n")
    with open(os.path.join(directory, "expected", f"proxy-{name}.json"), "w") as f:
        json.dump(expected, f)


def main():
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, "out"))
        os.mkdir(os.path.join(d, "expected"))
        write_run(d, "alpha", [
            result("proxy.via.request-added", "fail", 200, "expected Via present"),
            result("proxy.5xx.upstream-timeout-explained", "pass", 504),
            result("proxy.5xx.upstream-reset-explained", "skip", 503,
                   "not applicable: no 502; saw status 503"),
        ], {"proxy.via.request-added": {"outcome": "fail", "justification": "REVIEW-ALPHA"},
            "proxy.5xx.upstream-reset-explained": {"outcome": "skip", "justification": "REVIEW-SKIP"}})
        write_run(d, "beta", [
            result("proxy.5xx.upstream-timeout-explained", "error", None, "connection refused"),
        ], {"proxy.5xx.upstream-timeout-explained": {"outcome": "error",
                                                     "justification": "REVIEW-BETA"}})
        doc = os.path.join(d, "doc.md")
        before = "# Compatibility\n\n## Matrix\n\n| a | b |\n"
        with open(doc, "w") as f:
            f.write(before)
        reports = [os.path.join(d, "out", n + ".json") for n in ("alpha", "beta")]
        for _ in range(2):
            subprocess.run([sys.executable, os.path.join(HERE, "compat_proxies.py"), "--doc", doc,
                            "--expected", os.path.join(d, "expected")] + reports, check=True)
        with open(doc) as f:
            text = f.read()

    check(text.startswith(before.rstrip("\n")), "the document before the section changed")
    check(text.count(compat_proxies.HEADING + "\n") == 1, "the section is not there exactly once")
    check("| alpha | alpha 1.0 | 1 | 1 | 1 | 0 | start 0.1 run 2.0 |" in text, "alpha's counts row")
    check("| beta | beta 1.0 | 0 | 0 | 0 | 1 |" in text, "beta's counts row")
    check("QUOTE-proxy.via.request-added" in text and "review: REVIEW-ALPHA" in text,
          "a FAIL without its quote or review")
    check("review: REVIEW-BETA" in text, "an error without its review")
    check("review: REVIEW-SKIP" in text, "a not-applicable skip without its review")
    check("504 (2.0 s)" in text, "the provoked 504 is not shown plain with its time")
    check("**503** (2.0 s)" in text, "a status the RFC does not name is not in bold")
    check("error: connection refused" in text, "an error in the provoked table")
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("ok: compat_proxies renders and splices the Proxies section")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
