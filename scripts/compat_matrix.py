#!/usr/bin/env python3
"""Writes docs/compatibility.md from httpconform JSON reports.

usage: compat_matrix.py [--cases DIR] [--expected DIR] REPORT.json... > docs/compatibility.md

Each REPORT.json is one server's run (scripts/realservers.sh writes them as
NAME.json, with NAME.version beside it: "name version"). The server's name is
the file's base name; its version comes from NAME.version, else from the most
common Server header in the report. For every FAIL the document gives the RFC
sentence (the case's quote), what the server did (the report's actual and
expected) and the review: the justification recorded in
tests/expected/NAME.json.
"""
import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Variables a static file server can provide: files that exist (with
# validators, ranges), and paths that do not. A case that needs any other
# variable (an echo endpoint, a writable resource, a redirect, a 401 route,
# a WebSocket endpoint...) needs an application, not a static file server.
STATIC_VARS = {"resource", "data", "second", "weak", "readonly", "missing"}
BUILTINS = {"scheme", "host", "port", "authority", "path"}


def strip_comments(text):
    """Removes // and /* */ comments outside JSON strings."""
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load_cases(case_dir):
    cases = {}
    for name in sorted(os.listdir(case_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(case_dir, name)) as f:
            doc = json.loads(strip_comments(f.read()))
        for c in doc.get("cases", []):
            cases[c["id"]] = c
    return cases


def used_vars(case):
    names = set(case.get("vars", {}))
    names |= set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_-]*)\}", json.dumps(case.get("steps", []))))
    return names


def applies_to_static(case, captured):
    return (used_vars(case) - BUILTINS - captured) <= STATIC_VARS


def captured_vars(case):
    names = set()
    for step in case.get("steps", []):
        names |= set(step.get("capture", {}))
    return names


def server_version(report_path, report):
    side = os.path.splitext(report_path)[0] + ".version"
    if os.path.exists(side):
        with open(side) as f:
            return f.read().strip()
    servers = collections.Counter()
    for r in report["results"]:
        for s in r.get("steps", []):
            for h in (s.get("response") or {}).get("headers", []):
                name, value = (h[0], h[1]) if isinstance(h, list) else (h.get("name"), h.get("value"))
                if name and name.lower() == "server":
                    servers[value] += 1
    return servers.most_common(1)[0][0] if servers else "unknown"


def failing_step(result):
    """The step whose expect failed (else the last one), as (index, step)."""
    steps = result.get("steps", [])
    for i, st in enumerate(steps):
        if any(c.get("kind") == "expect" and not c.get("passed") for c in st.get("checks", [])):
            return i, st
    return (len(steps) - 1, steps[-1]) if steps else (None, None)


def exchange_text(step, limit=300):
    """The request's head and the response's status line and fields, compact."""
    if step is None:
        return ""
    raw = step["request"].get("bytes", "")
    head = raw.split("\r\n\r\n", 1)[0].split("\r\n") if raw else []
    skip = ("host:", "user-agent:")
    req = [l for l in head if not l.lower().startswith(skip)]
    req_text = " / ".join(req)
    if len(req_text) > limit:
        req_text = req_text[:limit] + "..."
    resp = step.get("response")
    if resp:
        fields = [f"{h[0]}: {h[1]}" for h in resp.get("headers", [])
                  if h[0].lower() not in ("date", "server")]
        resp_text = f"{resp.get('version', '')} {resp.get('status', '')} {resp.get('reason', '')}".strip()
        if fields:
            resp_text += " / " + " / ".join(fields)
        if len(resp_text) > limit:
            resp_text = resp_text[:limit] + "..."
    else:
        resp_text = step.get("error") or "no response"
    if step.get("connection_closed"):
        resp_text += " (then closed the connection)"
    return f"sent `{req_text}`; got `{resp_text}`"


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(ROOT, "cases"))
    ap.add_argument("--expected", default=os.path.join(ROOT, "tests", "expected"))
    ap.add_argument("reports", nargs="+")
    args = ap.parse_args()

    cases = load_cases(args.cases)
    servers = []
    for path in args.reports:
        with open(path) as f:
            report = json.load(f)
        name = os.path.splitext(os.path.basename(path))[0]
        exp_path = os.path.join(args.expected, name + ".json")
        expected = {}
        if os.path.exists(exp_path):
            with open(exp_path) as f:
                expected = json.load(f)
        servers.append({"name": name, "version": server_version(path, report), "report": report,
                        "results": {r["id"]: r for r in report["results"]}, "expected": expected})

    all_ids = sorted(set().union(*(s["results"].keys() for s in servers)))
    static_ids = [i for i in all_ids if i in cases and applies_to_static(cases[i], captured_vars(cases[i]))]
    out = []
    w = out.append
    w("# Compatibility with real servers\n")
    w("Generated by `scripts/compat_matrix.py` from one run per server "
      "(`scripts/realservers.sh BIN OUT`, then `python3 scripts/compat_matrix.py OUT/*.json`): "
      "the whole case library, `--jobs 4`, no `--var` (autodiscovery on), every server on "
      "127.0.0.1 serving `tests/fixtures/docroot` with the configuration its "
      "`scripts/targets/NAME.sh` writes. Do not edit by hand; the review of each failure lives "
      "in `tests/expected/NAME.json` (the CI checks nginx, apache2 and lighttpd against it).\n")
    w("## Servers\n")
    w("| server | version | pass | fail | skip | error | static-file cases run |")
    w("|---|---|---|---|---|---|---|")
    for s in servers:
        c = collections.Counter(r["outcome"] for r in s["results"].values())
        ran = [i for i in static_ids if i in s["results"] and s["results"][i]["outcome"] != "skip"]
        present = [i for i in static_ids if i in s["results"]]
        pct = 100.0 * len(ran) / len(present) if present else 0.0
        s["static"] = (len(ran), len(present), pct)
        w(f"| {s['name']} | {md(s['version'])} | {c['pass']} | {c['fail']} | {c['skip']} | "
          f"{c['error']} | {len(ran)}/{len(present)} ({pct:.0f}%) |")
    w("")
    w("### Cases that apply to a static file server\n")
    w("A case *applies to a static file server* when every variable it uses is one a static "
      "file server can provide: a file (`resource`, `data`, `second`, `weak`, `readonly`) or a "
      "path that does not exist (`missing`), besides the URL built-ins and its own captures. "
      "Cases that need an application route (`echo`, `thing`/`writable`, `protected`, "
      f"`redirect_*`, `ws`, `status_prefix`, ...) do not. {len(static_ids)} of "
      f"{len(all_ids)} cases apply. *Run* means not skipped (pass, fail or error); the column "
      "above measures it per server, without any `--var`.\n")
    w("### What autodiscovery chose\n")
    w("No run was given a `--var`: each probed the server for the case defaults (the reference "
      "server's routes) and replaced those it does not serve (`harness/runner/discovery.h`). "
      "From each report's `notes`:\n")
    for s in servers:
        notes = [n[len("discovery: "):] for n in s["report"].get("notes", [])
                 if n.startswith("discovery: ") and ("replaced" in n or "no better" in n)]
        w(f"- **{s['name']}**: " + ("; ".join(md(n) for n in notes) if notes
                                    else "every default served as is"))
    w("")
    w("## Failures, reviewed\n")
    w("Every FAIL below breaks the RFC sentence quoted with it (the case's `spec.quote`); "
      "*seen* is the server's exact behaviour as the report records it.\n")
    any_fail = False
    for s in servers:
        fails = [r for i, r in sorted(s["results"].items()) if r["outcome"] == "fail"]
        if not fails:
            continue
        any_fail = True
        w(f"### {s['name']} ({md(s['version'])})\n")
        for r in fails:
            spec = r.get("spec", {})
            w(f"- **`{r['id']}`** — RFC {spec.get('rfc')} §{spec.get('section')}, "
              f"{spec.get('level')}: \"{md(spec.get('quote', ''))}\"")
            exp = r.get("expected") or []
            w(f"  - seen: {md(r.get('actual') or r.get('reason') or '')}")
            idx, st = failing_step(r)
            if st is not None:
                w(f"  - exchange (step {idx + 1}): {md(exchange_text(st))}")
            if exp:
                w(f"  - acceptable: {md(' | '.join(exp))}")
            review = s["expected"].get(r["id"], {}).get("justification", "not reviewed yet")
            w(f"  - review: {md(review)}")
        w("")
    if not any_fail:
        w("No server fails any case.\n")
    w("## Matrix\n")
    w("`pass`, **FAIL**, `skip`, `error`; a case id in *italics* applies to a static file server.\n")
    w("| case | " + " | ".join(s["name"] for s in servers) + " |")
    w("|---|" + "---|" * len(servers))
    static_set = set(static_ids)
    for cid in all_ids:
        cells = []
        for s in servers:
            o = s["results"].get(cid, {}).get("outcome", "—")
            cells.append("**FAIL**" if o == "fail" else o)
        label = f"*{cid}*" if cid in static_set else cid
        w(f"| {label} | " + " | ".join(cells) + " |")
    w("")
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
