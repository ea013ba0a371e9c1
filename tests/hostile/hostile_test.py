#!/usr/bin/env python3
"""httpconform against one hostile server behaviour (tests/hostile/hostile_server.cc).

usage: hostile_test.py --bin HTTPCONFORM --server HOSTILE_SERVER --source SRC BEHAVIOUR
       hostile_test.py --bin ... --server ... --source ... --check-table
       hostile_test.py --bin ... --server ... --source ... --interrupt SIGNAL BEHAVIOUR

Why Python rather than bash: the assertions need the peak resident memory
of the httpconform child alone (os.wait4 gives its ru_maxrss), a monotonic
clock, and real parsers for the reports (json + the project's schema
validator, xml.etree for JUnit, an HTML token scan); python3 is already a
test dependency (scripts/validate_json_schema.py).

For a behaviour the test starts the server, runs
  httpconform run http://127.0.0.1:PORT/ --timeout T --jobs 4 --only ...
      --report json:... --report html:... --report junit:... --report markdown:...
and asserts, with the bounds stated below:
  - the run ends within WALL_BOUND_S (a small multiple of the step timeout);
  - the child's peak RSS stays under RSS_BOUND_MB;
  - it exits 1 (failures) -- not a crash, not 0, not a usage error;
  - every selected case has a result (none lost), each affected one is fail
    or error with a reason matching the behaviour's pattern;
  - the JSON report validates against reports/report.schema.json, the JUnit
    report is well-formed XML with one testcase per case, and the HTML and
    Markdown reports carry no live markup from the server.
The large-response behaviours (large_expectations.py) run the whole library
with discovery on, exit 0 or 1, with wall-time and RSS bounds of their own
and a check of the report each.
A behaviour that makes the target the wrong kind (not HTTP, TLS where http://
was given, never answering) is first run with default flags: the preflight
must refuse it in one line, exit 3; the assertions above then hold for a run
with --no-preflight (see "preflight" in TABLE).
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import large_expectations  # noqa: E402

TIMEOUT_S = 1.0
# The run's cases execute 4 at a time, each at most two steps of TIMEOUT_S
# (a case stops at the first error), plus the 100-continue wait (2 s, from
# the case file), the preflight's GET (at most one timeout, on a server that
# never finishes a response) and process start-up; 9 x the timeout bounds all
# of it.
WALL_BOUND_S = 9 * TIMEOUT_S
# 4 jobs x the transport's 8 MiB content cap (string growth doubles it) + the binary.
# Under ASan the shadow memory and the allocator's quarantine multiply every
# figure, so the sanitized build (HTTPCONFORM_RSS_SCALE, set by CMake) scales
# the bound: the check still catches unbounded growth there.
RSS_SCALE = int(os.environ.get("HTTPCONFORM_RSS_SCALE", "1"))
RSS_BOUND_MB = 128 * RSS_SCALE
# The large-response runs are slower under ASan+UBSan too: their wall-time
# bounds scale with HTTPCONFORM_TIME_SCALE (set by CMake there).
TIME_SCALE = float(os.environ.get("HTTPCONFORM_TIME_SCALE", "1"))
# One case of each kind: two-step conditional (structured), range, a timed
# 100-continue (structured with continue_wait_ms), an Upgrade.
SELECTION = [
    "conditional.if-none-match.304",
    "range.single.206-content-range",
    "expect.100-continue.immediate-response",
    "upgrade.websocket.101-upgrade-field",
]

# behaviour -> (reason regex every non-passing case must match, outcomes
# allowed, options). A reason is what a person reads first: it must say what
# went wrong in words, not a code.
R_TIMEOUT = (r"no response within \d+ ms|response incomplete after \d+ ms|"
             r"no complete status line within \d+ ms")
# Bytes that never make a status line are no response (no status-code rule applies).
R_NOT_HTTP = r"not an HTTP response: (no status line in the \d+ bytes received|the \d+ bytes)"
R_CUT = r"response cut short|connection closed without a response|connection reset"
TABLE = {
    "silent": (R_TIMEOUT + r"|expected", {"error", "fail", "pass"},
               {"preflight": r"target never answers: .* accepted the connection but sent nothing",
                "args": ["--no-preflight", "--no-discover", "--max-timeouts", "0"]}),
    "one-byte-per-second": (R_TIMEOUT, {"error"}, {}),
    "endless-fields": (r"malformed response: more than \d+ field lines", {"error"}, {}),
    "endless-content": (r"response cut short: stopped after \d+ bytes|response incomplete after \d+ ms", {"error"}, {}),
    "petabyte-length": (r"response cut short: stopped after \d+ bytes|response incomplete after \d+ ms", {"error"}, {}),
    "chunk-size-overflow": (r"malformed response: .*chunk", {"error"}, {}),
    "many-fields": (r"malformed response: more than \d+ field lines", {"error"}, {}),
    "huge-status-line": (r"malformed response: line longer than \d+ bytes", {"error"}, {}),
    "control-characters": (r"expected|malformed response", {"error", "fail", "skip", "pass"}, {}),
    "bare-cr": (r"expected|malformed response", {"error", "fail", "skip", "pass"}, {}),
    "endless-100-continue": (r"malformed response: more than \d+ interim responses", {"error"}, {}),
    "endless-early-hints": (r"malformed response: more than \d+ interim responses", {"error"}, {}),
    "101-then-garbage": (r"expected", {"fail", "skip", "pass"}, {"exit": (0, 1)}),
    "reset-on-accept": (r"connection reset|Connection reset by peer|connection closed without a response",
                        {"error"}, {"exit": (1, 3)}),
    "reset-mid-content": (r"connection reset in the middle of the response|response cut short",
                          {"error"}, {}),
    "close-mid-fields": (r"response cut short: stream ended inside a response head", {"error"}, {}),
    "close-mid-content": (r"response cut short: stream ended \d+ bytes short of Content-Length", {"error"}, {}),
    "2gb-length-then-close": (r"response cut short: stream ended \d+ bytes short of Content-Length", {"error"}, {}),
    "tls-garbage": (r"TLS handshake failed", {"error"},
                    {"scheme": "https", "preflight": r"is not an HTTP server: it answered",
                     "args": ["--no-preflight"]}),
    "tls-plaintext-answer": (r"TLS handshake failed", {"error"},
                             {"scheme": "https", "preflight": r"speaks plain HTTP, not TLS; use http://",
                              "args": ["--no-preflight"]}),
    "http09": (R_NOT_HTTP, {"error"},
               {"preflight": r"is not an HTTP/1\.1 server: it answered GET / with \"<html>",
                "args": ["--no-preflight"]}),
    "two-responses": (r"expected", {"error", "fail", "pass", "skip"}, {}),
    "script-injection": (r"expected|" + R_TIMEOUT, {"error", "fail", "skip", "pass"}, {}),
    "invalid-utf8": (r"expected|" + R_TIMEOUT, {"error", "fail", "skip", "pass"}, {}),
    "slowloris-fields": (R_TIMEOUT, {"error"}, {}),
    "only-crlf": (r"malformed response: head larger than \d+ bytes|" + R_TIMEOUT + "|" + R_NOT_HTTP,
                  {"error"},
                  {"preflight": r"is not an HTTP/1\.1 server: it answered GET / with \"\\x0d\\x0a",
                   "args": ["--no-preflight"]}),
    "endless-field-line": (r"malformed response: line longer than \d+ bytes", {"error"}, {}),
    "endless-chunks": (r"response cut short: stopped after \d+ bytes|response incomplete after \d+ ms", {"error"}, {}),
    "endless-trailers": (r"trailer|field|too|incomplete", {"error", "fail"}, {}),
    "gzip-bomb": (r"expected|" + R_TIMEOUT, {"error", "fail", "skip", "pass"}, {}),
    "conflicting-framing": (r"expected|malformed response|" + R_TIMEOUT, {"error", "fail"}, {}),
    "binary-noise": (R_NOT_HTTP, {"error"},
                     {"preflight": r"is not an HTTP/1\.1 server: it answered GET / with",
                      "args": ["--no-preflight"]}),
    "stall-mid-head": (R_TIMEOUT, {"error"}, {}),
    "absurd-status": (r"status|version|expected", {"error", "fail"}, {}),
    # A correct but serial server: every case must still get a result; those
    # queued behind a slow connection time out, and say so.
    "serial": (r"expected|cannot connect to 127.0.0.1:\d+: timed out|" + R_TIMEOUT, {"fail", "skip", "error", "pass"}, {}),
}
TABLE.update(large_expectations.TABLE)
# "preflight": the wrong kind of target, refused before the run (exit 3, one
# line on stderr matching the pattern, within PREFLIGHT_BOUND_S); the table's
# other expectations then hold for a run with "args" (--no-preflight), so the
# runner's own handling of those bytes stays tested.
PREFLIGHT_BOUND_S = 4 * TIMEOUT_S + 2
# Full-library runs (every case), more jobs so they stay short. Entries with
# "jobs" in their options are full-library runs too.
FULL_LIBRARY = {"silent": 16, "serial": 8, "script-injection": 8}


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def start_server(server, behaviour, tmp):
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen([server, "--behaviour", behaviour, "--port-file", port_file])
    # Large-response behaviours build their pages first (seconds under ASan).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as f:
                return proc, int(f.read().strip())
        if proc.poll() is not None:
            raise Failure("hostile_server exited with %d" % proc.returncode)
        time.sleep(0.02)
    proc.kill()
    raise Failure("hostile_server wrote no port within 60 s")


def run_child(argv, wall_bound, interrupt=None):
    """Runs argv; returns (exit code or -signal, seconds, peak RSS in MB, stdout, stderr).

    Kills the child (and fails) if it outlives wall_bound + 10 s, so a hang is a
    failure rather than a stuck CI job. `interrupt` = (signal, after_s).
    """
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=out, stderr=err)
    signalled = False
    killed = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        elapsed = time.monotonic() - start
        if interrupt and not signalled and elapsed >= interrupt[1]:
            proc.send_signal(interrupt[0])
            signalled = True
        if elapsed > wall_bound + 10 and not killed:
            proc.kill()
            killed = True
        time.sleep(0.01)
    proc.returncode = 0  # Reaped by wait4; keep Popen from waiting again.
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    # ru_maxrss is in KiB on Linux.
    return code, seconds, usage.ru_maxrss / 1024.0, out.read().decode("utf-8", "replace"), \
        err.read().decode("utf-8", "replace")


def check_reports(source, paths, expected_total):
    """The four reports exist, parse, and carry nothing live from the server."""
    import json
    for p in paths.values():
        check(os.path.exists(p), "report not written: " + p)
    schema = os.path.join(source, "reports", "report.schema.json")
    validator = os.path.join(source, "scripts", "validate_json_schema.py")
    v = subprocess.run([sys.executable, validator, schema, paths["json"]],
                       capture_output=True, text=True, timeout=60)
    check(v.returncode == 0, "JSON report invalid against the schema:\n" + v.stdout + v.stderr)
    with open(paths["json"], "rb") as f:
        raw = f.read()
    check(all(b < 0x80 for b in raw), "JSON report is not pure ASCII")
    report = json.loads(raw)
    check(report["summary"]["total"] == len(report["results"]), "summary.total != len(results)")
    check(len(report["results"]) == expected_total,
          "expected %d results, got %d" % (expected_total, len(report["results"])))

    try:
        root = ET.parse(paths["junit"]).getroot()
    except ET.ParseError as e:
        raise Failure("JUnit report is not well-formed XML: %s" % e)
    # One testcase per case, one per passive finding, one for a run that
    # could not be carried out.
    want = expected_total + sum(len(r["findings"]) for r in report["results"]) + \
        (1 if report.get("error") else 0)
    cases = root.findall(".//testcase")
    check(len(cases) == want, "JUnit has %d testcases, want %d" % (len(cases), want))

    with open(paths["html"], "rb") as f:
        html = f.read().decode("utf-8", "strict")
    # The report's own: one JSON data island and one inline script.
    check(len(re.findall(r"<script\b", html, re.I)) == 2,
          "HTML has %d <script> tags, want the report's own 2" %
          len(re.findall(r"<script\b", html, re.I)))
    check(len(re.findall(r"</script", html, re.I)) == 2, "HTML has extra </script>")
    check(re.search(r"<img\b", html, re.I) is None, "HTML has a live <img> tag")
    # onerror= may only appear inside escaped text (after &lt; or as \u003c in the data island).
    for m in re.finditer(r"onerror\s*=", html, re.I):
        tag_start = html.rfind("<", 0, m.start())
        tag_end = html.rfind(">", 0, m.start())
        check(tag_start < tag_end or html[tag_start:tag_start + 7].lower() == "<script",
              "HTML has onerror= inside a tag at offset %d" % m.start())
    check("\x00" not in html, "HTML contains NUL")

    with open(paths["markdown"], "rb") as f:
        md = f.read().decode("utf-8", "strict")
    # Markdown renderers pass raw HTML through, except inside fenced code
    # blocks (CommonMark §4.5): outside them, no markup from the server.
    fence = None
    for number, line in enumerate(md.split("\n"), 1):
        m = re.match(r"^(`{3,})", line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.strip() == fence:
            fence = None
        elif fence is None:
            check(re.search(r"<script|<img\b|<[a-z]+[^>]*\bon[a-z]+\s*=", line, re.I) is None,
                  "Markdown line %d has live markup: %r" % (number, line[:200]))
    return report


def run_behaviour(args, behaviour):
    if behaviour not in TABLE:
        raise Failure("no expectation for behaviour " + behaviour)
    pattern, allowed, opts = TABLE[behaviour]
    with tempfile.TemporaryDirectory() as tmp:
        server, port = start_server(args.server, behaviour, tmp)
        try:
            full = behaviour in FULL_LIBRARY or "jobs" in opts
            jobs = opts.get("jobs", FULL_LIBRARY.get(behaviour, 4))
            scheme = opts.get("scheme", "http")
            paths = {f: os.path.join(tmp, "report." + f) for f in
                     ("json", "html", "junit", "markdown")}
            url = "%s://127.0.0.1:%d/" % (scheme, port)
            if "preflight" in opts:
                pre_report = os.path.join(tmp, "preflight.json")
                code, seconds, _, out, err = run_child(
                    [args.bin, "run", url, "--timeout", str(TIMEOUT_S), "--quiet",
                     "--report", "json:" + pre_report], PREFLIGHT_BOUND_S)
                print("%s: preflight: exit %d in %.2f s: %s" % (behaviour, code, seconds,
                                                                 err.strip()))
                check(code == 3, "preflight: exit %d, want 3\n%s" % (code, err))
                check(len(err.strip().splitlines()) == 1, "preflight: not one line:\n" + err)
                check(re.search(opts["preflight"], err),
                      "preflight: %r does not match %r" % (err, opts["preflight"]))
                check(seconds <= PREFLIGHT_BOUND_S,
                      "preflight took %.2f s, bound %.1f s" % (seconds, PREFLIGHT_BOUND_S))
                import json
                with open(pre_report) as f:
                    pre = json.load(f)
                check(re.search(opts["preflight"], pre.get("error", "")) and not pre["results"],
                      "preflight: the JSON report does not hold the error: %r" % pre.get("error"))
            argv = [args.bin, "run", url, "--timeout", str(TIMEOUT_S), "--jobs", str(jobs),
                    "--quiet"] + opts.get("args", [])
            if not full:
                for s in SELECTION:
                    argv += ["--only", s]
            for f, p in paths.items():
                argv += ["--report", "%s:%s" % (f, p)]
            listed = subprocess.run([args.bin, "list"] + ([] if full else
                                    sum([["--only", s] for s in SELECTION], [])),
                                    capture_output=True, text=True, timeout=30)
            total = len([l for l in listed.stdout.splitlines()
                         if re.match(r"^[a-z0-9][a-z0-9.-]*\s", l) and not l.endswith(" cases")])
            # A full run: ceil(cases / jobs) rounds, each at most 3 timeouts
            # (two steps, or a 100-continue wait and its step).
            bound = WALL_BOUND_S + (-(-total // jobs) * 3 * TIMEOUT_S if full else 0)
            if "wall_s" in opts:
                bound = opts["wall_s"] * TIME_SCALE
            rss_bound = opts.get("rss_mb", 128) * RSS_SCALE
            if RSS_SCALE > 1 and "asan_rss_mb" in opts:
                rss_bound = opts["asan_rss_mb"]  # The sanitized build's own bound.
            code, seconds, rss, out, err = run_child(argv, bound)
            print("%s: exit %d in %.2f s (bound %.1f s), peak RSS %.1f MB (bound %d MB)"
                  % (behaviour, code, seconds, bound, rss, rss_bound))
            check(code >= 0, "httpconform died by signal %d\n%s" % (-code, err))
            check(code in opts.get("exit", (1,)), "exit %d, want %s\n%s" % (code, opts.get("exit", (1,)), err))
            check(seconds <= bound, "run took %.2f s, bound %.1f s" % (seconds, bound))
            check(rss <= rss_bound, "peak RSS %.1f MB, bound %d MB" % (rss, rss_bound))
            if code == 3:
                # The preflight connect itself was reset: unreachable, said in one
                # line, and every report still written, holding that error.
                check(re.search(r"unreachable: .*reset", err), "exit 3 without a reason: " + err)
                report = check_reports(args.source, paths, 0)
                check(re.search(r"unreachable: .*reset", report.get("error", "")),
                      "exit 3, but the JSON report has no run error")
                return
            report = check_reports(args.source, paths, total)
            check(total >= len(SELECTION), "selection found %d cases" % total)
            bad = 0
            for r in report["results"]:
                print("  %-45s %-5s %s" % (r["id"], r["outcome"], r["reason"][:150]))
                # A refinement whose base did not pass is skipped without a
                # request, whatever the behaviour (docs/verdicts.md).
                blocked = r["outcome"] == "skip" and "blocked_by" in r
                # So is a case about another HTTP version than the run's
                # (its "http" member: the RFC 9113 cases over HTTP/1.1).
                other_version = r["outcome"] == "skip" and r.get("http_not_applicable") is True
                check(r["outcome"] in allowed or blocked or other_version,
                      "%s: outcome %s not in %s" % (r["id"], r["outcome"], sorted(allowed)))
                if blocked:
                    check(r["blocked_by"]["outcome"] in ("fail", "error", "skip") and
                          r["reason"].startswith("depends on " + r["blocked_by"]["id"] + ", which "),
                          "%s: dependency skip without its reason: %r" % (r["id"], r["reason"]))
                if r["outcome"] in ("fail", "error"):
                    bad += 1
                    check(re.search(pattern, r["reason"]),
                          "%s: reason %r does not match %r" % (r["id"], r["reason"], pattern))
            # Known gap: no passive rule flags a 101 to a request without
            # Upgrade (RFC 9110 §7.8), so 101-then-garbage may pass.
            # Otherwise the breakage must show as a passive finding (e.g. the
            # wire diagnostics of CTLs or a bare CR: wire.well-formed).
            if "check" in opts:
                try:
                    opts["check"](report)
                except large_expectations.Failure as e:
                    raise Failure(str(e))
            # No status-code rule fires on a response that does not exist: a
            # finding always names the status code of a status line that arrived.
            for r in report["results"]:
                for f in r["findings"]:
                    check(f["status"] != 0, "%s: finding %s on status 0: %s"
                          % (r["id"], f["rule"], f["message"]))
                if any(s["response"] is None for s in r["steps"][-1:]):
                    check(not any(f["step"] == len(r["steps"]) - 1 for f in r["findings"]),
                          "%s: a finding on a step without a response" % r["id"])
            findings = sum(len(r["findings"]) for r in report["results"])
            check(bad > 0 or findings > 0 or
                  behaviour in ("two-responses", "gzip-bomb", "101-then-garbage"),
                  "no case failed or errored, and no passive finding")
        finally:
            server.terminate()
            server.wait(timeout=10)


def run_interrupt(args, sig_name, behaviour):
    """SIGINT/SIGTERM after 1 s: exit 130/143 within the step timeout (+ slack),
    every report written, valid, and marked incomplete."""
    import json
    sig = getattr(signal, sig_name)
    want = 128 + sig
    timeout = 2.0
    with tempfile.TemporaryDirectory() as tmp:
        server, port = start_server(args.server, behaviour, tmp)
        try:
            paths = {f: os.path.join(tmp, "report." + f) for f in
                     ("json", "html", "junit", "markdown")}
            argv = [args.bin, "run", "http://127.0.0.1:%d/" % port, "--timeout", str(timeout),
                    "--jobs", "2", "--quiet"]
            for f, p in paths.items():
                argv += ["--report", "%s:%s" % (f, p)]
            code, seconds, rss, out, err = run_child(argv, 30, interrupt=(sig, 1.0))
            print("%s after 1 s on %s: exit %d in %.2f s" % (sig_name, behaviour, code, seconds))
            check(code == want, "exit %d, want %d\n%s" % (code, want, err))
            # Running cases are abandoned within their step timeout.
            check(seconds <= 1.0 + timeout + 1.5,
                  "exit after %.2f s, want <= %.1f s" % (seconds, 1.0 + timeout + 1.5))
            with open(paths["json"]) as f:
                report = json.load(f)
            check(report.get("incomplete") is True, "JSON report not marked incomplete")
            check_reports(args.source, paths, len(report["results"]))
            with open(paths["html"]) as f:
                check(re.search(r"incomplete|interrupted", f.read(), re.I),
                      "HTML report does not say incomplete")
            with open(paths["markdown"]) as f:
                check(re.search(r"incomplete|interrupted", f.read(), re.I),
                      "Markdown report does not say incomplete")
        finally:
            server.terminate()
            server.wait(timeout=10)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--server", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--check-table", action="store_true")
    p.add_argument("--interrupt")
    p.add_argument("behaviour", nargs="?")
    args = p.parse_args()
    try:
        if args.check_table:
            listed = subprocess.run([args.server, "--list"], capture_output=True, text=True,
                                    timeout=10).stdout.split()
            check(len(listed) >= 25, "only %d behaviours" % len(listed))
            check(sorted(listed) == sorted(TABLE),
                  "server and test table differ: %s" % sorted(set(listed) ^ set(TABLE)))
            print("%d behaviours, all with expectations" % len(listed))
        elif args.interrupt:
            run_interrupt(args, args.interrupt, args.behaviour)
        else:
            run_behaviour(args, args.behaviour)
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
