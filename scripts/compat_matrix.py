#!/usr/bin/env python3
"""Writes docs/compatibility.md from httpconform JSON reports.

usage: compat_matrix.py [--cases DIR] [--expected DIR] [--proxies DIR] REPORT.json... > docs/compatibility.md

Each REPORT.json is one server's run (scripts/realservers.sh writes them as
NAME.json, with NAME.version beside it: "name version", and NAME.about when
an application of ours serves the files). The server's name is the file's
base name; its version comes from NAME.version, else from the most common
Server header in the report. The document gives per server its counts, how
many of the cases that apply to a static file server ran without --var and
what still skips and why; for every FAIL and error the RFC sentence (the
case's quote), what the server did and the review recorded in
tests/expected/NAME.json; then the matrix, cases by servers, with a row of
versions. The servers the CI checks are read from tests/CMakeLists.txt.
With --proxies DIR (scripts/proxies.sh's output) the document ends with the
Proxies section of scripts/compat_proxies.py; without it the section is left
out, and `compat_proxies.py DIR/*.json` puts it back in place.
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


def side_line(report_path, ext):
    side = os.path.splitext(report_path)[0] + "." + ext
    if not os.path.exists(side):
        return ""
    with open(side) as f:
        return f.readline().strip()


def ci_servers():
    """The servers tests/CMakeLists.txt registers as realservers_NAME tests."""
    path = os.path.join(ROOT, "tests", "CMakeLists.txt")
    with open(path) as f:
        m = re.search(r"foreach\(server ([^)]*)\)\s*\n\s*add_test\(NAME realservers_", f.read())
    return m.group(1).split() if m else []


def skip_reason(result):
    """A skip's reason without its step number and what was seen: the why."""
    reason = re.sub(r"^step \d+: ", "", result.get("reason", ""))
    reason = re.sub(r"^not applicable: ", "", reason)
    return reason.split("; saw ")[0]


def features(report):
    """What the server's own responses show: ETag and Last-Modified on a
    200, and byte ranges (a 206)."""
    etag = lm = ranges = False
    for r in report["results"]:
        for st in r.get("steps", []):
            resp = st.get("response") or {}
            names = {h[0].lower() for h in resp.get("headers", [])}
            if resp.get("status") == 200:
                etag |= "etag" in names
                lm |= "last-modified" in names
            ranges |= resp.get("status") == 206
    return {"ETag": etag, "Last-Modified": lm, "ranges": ranges}


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


def version_only(server):
    """"nginx 1.22.1" -> "1.22.1": the column already names the server."""
    v = server["version"]
    first = v.split(" ", 1)
    return first[1] if len(first) == 2 and first[0].lower() == server["name"].lower() else v


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(ROOT, "cases"))
    ap.add_argument("--expected", default=os.path.join(ROOT, "tests", "expected"))
    ap.add_argument("--proxies", metavar="DIR",
                    help="append the Proxies section from DIR/*.json (scripts/proxies.sh runs)")
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
        servers.append({"name": name, "version": server_version(path, report),
                        "about": side_line(path, "about"), "report": report,
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
      "in `tests/expected/NAME.json`. The CI (`ctest -R realservers_`) checks "
      + ", ".join(ci_servers()) + " against it; `scripts/realservers.sh BIN OUT --all` runs "
      "every server, and `httpconform matrix OUT/*.json --out DIR --expected tests/expected` "
      "makes the same data an offline HTML page with each exchange.\n")
    w("## Servers\n")
    w("*Serves the files with*: empty when the server's own file handling does; otherwise the "
      "smallest idiomatic application of ours (`tests/fixtures/servers/`).\n")
    w("| server | version | serves the files with | has | pass | fail | skip | error | "
      "static-file cases run | run or not judged |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for s in servers:
        c = collections.Counter(r["outcome"] for r in s["results"].values())
        present = [s["results"][i] for i in static_ids if i in s["results"]]
        ran = [r for r in present if r["outcome"] != "skip"]
        blocked = [r for r in present if r["outcome"] == "skip" and r.get("blocked_by")]
        pct = 100.0 * len(ran) / len(present) if present else 0.0
        found = 100.0 * (len(ran) + len(blocked)) / len(present) if present else 0.0
        s["static"] = (len(ran), len(present), pct, found)
        s["features"] = features(s["report"])
        has = ", ".join(k for k, v in s["features"].items() if v) or "none of them"
        w(f"| {s['name']} | {md(s['version'])} | {md(s['about'])} | {has} | {c['pass']} | "
          f"{c['fail']} | {c['skip']} | {c['error']} | {len(ran)}/{len(present)} ({pct:.0f}%) | "
          f"{len(ran) + len(blocked)}/{len(present)} ({found:.0f}%) |")
    w("")
    w("### Cases that apply to a static file server\n")
    w("A case *applies to a static file server* when every variable it uses is one a static "
      "file server can provide: a file (`resource`, `data`, `second`, `weak`, `readonly`) or a "
      "path that does not exist (`missing`), besides the URL built-ins and its own captures. "
      "Cases that need an application route (`echo`, `thing`/`writable`, `protected`, "
      f"`redirect_*`, `ws`, `status_prefix`, ...) do not. {len(static_ids)} of "
      f"{len(all_ids)} cases apply. *Run* means not skipped (pass, fail or error); the column "
      "above measures it per server, without any `--var`. *Not judged* cases found what they "
      "need but refine a case the server failed, so they skip naming it (`docs/verdicts.md`): "
      "discovery did its part for them, and *run or not judged* counts them with the run ones. "
      "*Has* is what the server's own responses showed: ETag and Last-Modified on a 200, byte "
      "ranges (a 206).\n")
    full = [s for s in servers if all(s["features"].values())]
    low = [s for s in full if s["static"][3] < 80]
    w(f"Of the {len(full)} servers with ETag, Last-Modified and ranges, "
      + (f"{len(full) - len(low)} run or leave not judged at least 80% of these cases; below "
         "that: " + ", ".join(f"{s['name']} ({s['static'][3]:.0f}%)" for s in low)
         + " (what skips and why is listed below)." if low else
         "every one runs or leaves not judged at least 80% of these cases.") + "\n")
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
    w("### What still skips, and why\n")
    w("The cases that apply to a static file server and skipped as not applicable, grouped by "
      "the reason the case gives (most often: a feature the server does not have, which the "
      "RFC lets it lack, so the requirement has nothing to judge). Cases not judged because "
      "a base failed are not listed: their base's failure is, below.\n")
    for s in servers:
        groups = collections.defaultdict(list)
        for i in static_ids:
            r = s["results"].get(i)
            if r and r["outcome"] == "skip" and not r.get("blocked_by"):
                groups[skip_reason(r)].append(i)
        if not groups:
            w(f"- **{s['name']}**: none")
            continue
        total = sum(len(v) for v in groups.values())
        parts = [f"{md(reason)} ({len(ids)}: " + ", ".join(f"`{i}`" for i in ids) + ")"
                 for reason, ids in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
        w(f"- **{s['name']}** ({total}): " + "; ".join(parts))
    w("")
    w("## Failures and errors, reviewed\n")
    w("Every FAIL below breaks the RFC sentence quoted with it (the case's `spec.quote`), "
      "except where its review says *Doubtful*: those are listed so that the case can be "
      "revisited. An error is no verdict: the exchange could not be judged, and its review "
      "says why. *Seen* is the server's exact behaviour as the report records it.\n")
    any_fail = False
    for s in servers:
        fails = [r for i, r in sorted(s["results"].items()) if r["outcome"] in ("fail", "error")]
        if not fails:
            continue
        any_fail = True
        w(f"### {s['name']} ({md(s['version'])})\n")
        for r in fails:
            spec = r.get("spec", {})
            w(f"- **`{r['id']}`** ({r['outcome']}) — RFC {spec.get('rfc')} §{spec.get('section')}, "
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
    w("`pass`, **FAIL**, `skip`, `error`; a case id in *italics* applies to a static file server. "
      "The first row gives each server's version.\n")
    w("| case | " + " | ".join(s["name"] for s in servers) + " |")
    w("|---|" + "---|" * len(servers))
    w("| *version* | " + " | ".join(md(version_only(s)) for s in servers) + " |")
    static_set = set(static_ids)
    for cid in all_ids:
        cells = []
        for s in servers:
            o = s["results"].get(cid, {}).get("outcome", "—")
            cells.append("**FAIL**" if o == "fail" else o)
        label = f"*{cid}*" if cid in static_set else cid
        w(f"| {label} | " + " | ".join(cells) + " |")
    w("")
    if args.proxies:
        from compat_proxies import section_from_dir
        out += section_from_dir(args.proxies, args.expected)
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
