#!/usr/bin/env python3
"""The outputs of `httpconform run` tell one story: every report format and
the console agree with the exit code, and runs that cannot be trusted say so.

usage: outputs_test.py --bin HTTPCONFORM --source SRC TEST

TEST is one of:
  formats-agree        reference servers (clean, and with faults that cause
                       MUST and SHOULD failures, MUST and SHOULD passive
                       findings, known failures): for every format (json,
                       html, junit, markdown, sarif, ndjson, console),
                       exit 1 <=> the report shows at least one failure,
                       finding or error that fails the run
  nginx-formats-agree  the same against nginx (skipped, exit 77, without it):
                       runs that exit 1 (a finding only, the whole library,
                       --fail-on may) and runs that exit 0 (all passing; a
                       SHOULD failure below --fail-on must)
  quiet                -q prints exactly the failing list, nothing on exit 0
  unreachable-reports  a refused target: exit 3, every report written, each
                       showing the run-level error
  report-paths         unusable --report paths: exit 2 naming the report,
                       before any connection to the target
  no-match             --only / --tag / an empty --cases that select nothing:
                       exit 2 naming the closest ids or tags
  baseline-stream      with --baseline, streamed FAIL lines and progress
                       counts mark known failures as known
  skip-summary         python http.server: skips grouped by a normalized
                       reason, --var hints with discovery's candidates, no
                       unsubstituted ${var} in any reason, one discovery line
                       per variable

Servers are started here on 127.0.0.1 only and stopped by PID.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

RANK = {"MUST": 0, "SHOULD": 1, "MAY": 2}
FORMATS = ("junit", "markdown", "html", "sarif", "json", "ndjson")


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


class Server:
    """`httpconform serve` on a free loopback port, stopped by PID."""

    def __init__(self, binary, faults=()):
        argv = [binary, "serve", "--listen", "127.0.0.1:0"]
        for f in faults:
            argv += ["--violate", f]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+", line)
        check(m, "reference server did not start: %r" % line)
        self.url = m.group(0) + "/"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def run(binary, argv, env=None, timeout=300):
    full_env = dict(os.environ, CI="1", NO_COLOR="1")
    full_env.update(env or {})
    p = subprocess.run([binary] + argv, capture_output=True, text=True, timeout=timeout,
                       env=full_env)
    return p.returncode, p.stdout, p.stderr


# ---- What each format shows: does it say that something fails the run? ----

def at_level(level, fail_on):
    """Nothing at MAY fails a run (docs/verdicts.md): --fail-on may is should."""
    return level != "MAY" and RANK[level] <= RANK[fail_on]


def counts(result, finding_level, fail_on):
    return at_level(finding_level, fail_on) and result.get("baseline") != "known"


def json_failing(doc, results, fail_on):
    """Recomputed from the results and the policy, and checked against summary.failing."""
    policy = doc.get("policy", {"fail_on": fail_on, "fail_on_flaky": False,
                                "strict_baseline": False})
    check(policy["fail_on"] == fail_on, "policy.fail_on %s, run with %s"
          % (policy["fail_on"], fail_on))
    n = 1 if doc.get("error") else 0
    for r in results:
        known = r.get("baseline") == "known"
        if not known:
            if r["outcome"] == "error":
                n += 1
            elif r["outcome"] == "fail" and at_level(r["spec"]["level"], fail_on):
                n += 1
            elif r.get("flaky") and policy["fail_on_flaky"] and \
                    at_level(r["spec"]["level"], fail_on):
                n += 1
            elif r.get("baseline") == "fixed" and policy["strict_baseline"]:
                n += 1
        n += sum(1 for f in r["findings"] if counts(r, f["level"], fail_on))
    failing = doc["summary"].get("failing", n)  # Reports before the member: recomputed only.
    check(failing == n, "summary.failing %s, but the results show %d" % (failing, n))
    return n > 0


def shows_failing(fmt, path, console, fail_on="MUST"):
    if fmt == "console":
        last = console.rstrip("\n").split("\n")[-1]
        if not (last.startswith("FAIL: ") or last.startswith("PASS: ")):
            # No verdict line: what the count line says.
            m = re.search(r"^\d+ cases in .*: \d+ passed, (\d+) failed, \d+ skipped, (\d+) errors; "
                          r"(\d+) passive finding", console, re.M)
            check(m, "console shows neither a verdict nor counts")
            return sum(int(g) for g in m.groups()) > 0
        return last.startswith("FAIL: ")
    text = open(path, encoding="utf-8").read()
    if fmt == "json":
        doc = json.loads(text)
        return json_failing(doc, doc["results"], fail_on)
    if fmt == "ndjson":
        lines = [json.loads(l) for l in text.splitlines() if l.strip()]
        check(lines and lines[-1]["type"] == "summary", "NDJSON does not end with its summary")
        return json_failing(lines[-1], [l["result"] for l in lines if l["type"] == "result"],
                            fail_on)
    if fmt == "junit":
        suite = ET.fromstring(text).find("testsuite")
        failures = int(suite.get("failures")) + int(suite.get("errors"))
        elements = len(suite.findall("testcase/failure")) + len(suite.findall("testcase/error"))
        check(failures == elements, "JUnit counts %d, but has %d failure/error elements"
              % (failures, elements))
        return failures > 0
    if fmt == "markdown":
        return re.search(r"^## (Run error|Failures \(\d+\)|Errors \(\d+\)|"
                         r"Passive findings that fail the run \(\d+\))$", text, re.M) is not None
    if fmt == "html":
        m = re.search(r'<p id="verdict" class="verdict( failed)?">(FAIL|PASS): ', text)
        if not m:  # No verdict: what the summary tiles say.
            tiles = re.findall(r'<div class="tile (fail|error)"><b>(\d+)</b>', text)
            return any(int(n) > 0 for _, n in tiles)
        check(bool(m.group(1)) == (m.group(2) == "FAIL"), "HTML verdict class and text differ")
        counted = text.count('<td class="counted">fails the run</td>')
        tile = re.search(r'<b>(\d+)</b>passive findings \((\d+) fail the run\)', text)
        if tile:
            check(int(tile.group(2)) == counted, "HTML findings tile and table differ")
        return m.group(2) == "FAIL"
    if fmt == "sarif":
        sarif_run = json.loads(text)["runs"][0]
        results = [r for r in sarif_run["results"] if r["properties"].get("failsRun")]
        notes = [n for inv in sarif_run["invocations"]
                 for n in inv.get("toolExecutionNotifications", []) if n["level"] == "error"]
        return bool(results or notes)
    raise Failure("unknown format " + fmt)


def run_all_formats(binary, url, extra, tmp, tag, env=None):
    paths = {f: os.path.join(tmp, "%s.%s" % (tag, f)) for f in FORMATS}
    argv = ["run", url, "--jobs", "4", "--timeout", "5"] + extra
    for f, p in paths.items():
        argv += ["--report", "%s:%s" % (f, p)]
    rc, out, err = run(binary, argv, env)
    return rc, out, err, paths


def assert_agree(binary, url, extra, want_rc, tmp, tag):
    rc, out, err, paths = run_all_formats(binary, url, extra, tmp, tag)
    check(rc == want_rc, "%s: exit %d, want %d\n%s%s" % (tag, rc, want_rc, out[-3000:], err))
    fail_on = extra[extra.index("--fail-on") + 1].upper() if "--fail-on" in extra else "MUST"
    for fmt in FORMATS + ("console",):
        shown = shows_failing(fmt, paths.get(fmt), out, fail_on)
        check(shown == (rc == 1), "%s: exit %d, but the %s report %s a failure, finding or error"
              % (tag, rc, fmt, "shows" if shown else "does not show"))
    print("ok: %s: exit %d, and every format agrees" % (tag, rc))
    return paths


def test_formats_agree(args, tmp):
    scenarios = [
        # (name, faults, selection, extra flags, expected exit)
        ("clean", [], ["--only", "methods.options."], [], 0),
        ("should-failures-below-must", ["option-no-allow"], ["--only", "methods.options."], [], 0),
        ("should-failures-at-should", ["option-no-allow"], ["--only", "methods.options."],
         ["--fail-on", "should"], 1),
        ("must-finding-only", ["405-without-allow"],
         ["--only", "methods.trace.excludes-credentials"], [], 1),
        ("should-finding-below-must", ["505-without-content"],
         ["--only", "wire.version.major-2-response-version"], [], 0),
        ("should-finding-at-should", ["505-without-content"],
         ["--only", "wire.version.major-2-response-version"], ["--fail-on", "should"], 1),
        ("must-failures-and-findings", ["405-without-allow"], ["--only", "methods.405."], [], 1),
        # A MAY option not taken (a skip) and MAY findings (503 without
        # Retry-After): nothing at MAY fails a run, even with --fail-on may.
        ("may-option-and-findings-at-may", ["no-retry-after"],
         ["--only", "status.503.retry-after", "--only", "status.503.explains"],
         ["--fail-on", "may"], 0),
    ]
    for name, faults, selection, extra, want in scenarios:
        server = Server(args.bin, faults)
        try:
            paths = assert_agree(args.bin, server.url, selection + extra, want, tmp, name)
        finally:
            server.stop()
        if name == "may-option-and-findings-at-may":
            # The scenario is only worth its exit 0 if MAY things were there.
            doc = json.load(open(paths["json"], encoding="utf-8"))
            may = [f for r in doc["results"] for f in r["findings"] if f["level"] == "MAY"]
            check(may, "%s: no MAY finding in the report" % name)
            check(any(r.get("optional_not_taken") for r in doc["results"]),
                  "%s: no MAY option not taken in the report" % name)
    # Known failures (a baseline): their failures and findings do not fail the run.
    server = Server(args.bin, ["405-without-allow"])
    try:
        selection = ["--only", "methods.405.allow.put"]
        paths = assert_agree(args.bin, server.url, selection, 1, tmp, "known-first")
        rc, out, err = run(args.bin, ["baseline", paths["json"]])
        check(rc == 0, "baseline exited %d: %s" % (rc, err))
        known = os.path.join(tmp, "known.json")
        open(known, "w").write(out)
        assert_agree(args.bin, server.url, selection + ["--baseline", known], 0, tmp, "known")
    finally:
        server.stop()


def test_nginx_formats_agree(args, tmp):
    nginx = os.path.join(args.source, "scripts", "targets", "nginx.sh")
    if not any(os.access(os.path.join(d, "nginx"), os.X_OK)
               for d in os.environ.get("PATH", "").split(":") + ["/usr/sbin"]):
        print("nginx is not installed: skipped")
        return 77
    state = os.path.join(tmp, "nginx")
    os.makedirs(state)
    url = subprocess.run([nginx, "start", state, os.path.join(args.source, "tests", "fixtures",
                                                              "docroot")],
                         capture_output=True, text=True, timeout=60).stdout.strip()
    check(url.startswith("http://127.0.0.1:"), "nginx did not start: %r" % url)
    try:
        # The example: a passing case whose 405 lacks Allow.
        assert_agree(args.bin, url, ["--only", "methods.trace.excludes-credentials"], 1, tmp,
                     "nginx-trace")
        # The other direction: runs nginx passes, one with nothing to count and
        # one whose only failure is a SHOULD below --fail-on must (shown in
        # every format, failing none), which fails at --fail-on should.
        assert_agree(args.bin, url, ["--only", "conditional.if-none-match."], 0, tmp,
                     "nginx-passing")
        assert_agree(args.bin, url, ["--only", "wire.field.name-not-token-400"], 0, tmp,
                     "nginx-should-below-must")
        assert_agree(args.bin, url, ["--only", "wire.field.name-not-token-400",
                                     "--fail-on", "should"], 1, tmp, "nginx-should-at-should")
        rc, _, _, _ = run_all_formats(args.bin, url, [], tmp, "nginx-probe")
        check(rc in (0, 1), "nginx run exited %d" % rc)
        assert_agree(args.bin, url, [], rc, tmp, "nginx-whole-library")
        assert_agree(args.bin, url, ["--fail-on", "may"], 1, tmp, "nginx-fail-on-may")
    finally:
        subprocess.run([nginx, "stop", state], timeout=60)
    return 0


def test_quiet(args, tmp):
    server = Server(args.bin, ["405-without-allow"])
    clean = Server(args.bin)
    try:
        rc, out, err = run(args.bin, ["run", server.url, "-q", "--only", "methods.405.allow.put",
                                      "--only", "methods.trace.excludes-credentials"])
        check(rc == 1, "exit %d, want 1: %s" % (rc, err))
        lines = out.split("\n")
        check(len(lines) > 4 and lines[0] == "" and lines[1] == "Failing (--fail-on must):",
              "-q does not start with the failing list: %r" % out)
        check(re.match(r"  FAIL    MUST   methods\.405\.allow\.put +RFC 9110 §15\.5\.6 +"
                       r"expected Allow present, got Allow absent  cases/methods\.json:\d+$",
                       lines[2]),
              "failing case line: %r" % lines[2])
        check(re.match(r"  FINDING MUST   405\.allow +RFC 9110 §10\.2\.1, §15\.5\.6 +405 without an Allow "
                       r"field \(2 responses in 2 case\(s\): methods\.405\.allow\.put, "
                       r"methods\.trace\.excludes-credentials\)$", lines[3]),
              "finding line: %r" % lines[3])
        check(lines[4:] == [""], "-q prints more than the failing list: %r" % lines[4:])
        check(err == "", "-q wrote to stderr: %r" % err)
        # Without -q the same list comes last but for the table and the counts.
        rc, out, _ = run(args.bin, ["run", server.url, "--only", "methods.405.allow.put",
                                    "--only", "methods.trace.excludes-credentials"])
        tail = out.split("\n")
        at = tail.index("Failing (--fail-on must):")
        check(tail[at + 3] == "" and tail[at + 4].strip().startswith("pass"),
              "the table does not follow the failing list: %r" % tail[at:])
        check(tail[-2].startswith("FAIL: 1 failure and 2 passive findings fail the run (--fail-on must)"),
              "last line: %r" % tail[-2])
        rc, out, err = run(args.bin, ["run", clean.url, "-q", "--only", "methods.options."])
        check(rc == 0 and out == "" and err == "", "-q with exit 0 printed %r %r" % (out, err))
    finally:
        server.stop()
        clean.stop()
    print("ok: -q prints exactly what fails the run")


def test_unreachable_reports(args, tmp):
    # A port nothing listens on: bind one, note it, close it.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    rc, out, err, paths = run_all_formats(args.bin, "http://127.0.0.1:%d/" % port, [], tmp,
                                          "refused")
    check(rc == 3, "exit %d, want 3" % rc)
    check(len(err.strip().split("\n")) == 1 and "127.0.0.1:%d" % port in err,
          "not one line naming the target: %r" % err)
    for fmt, path in paths.items():
        check(os.path.exists(path), "%s report not written" % fmt)
        text = open(path, encoding="utf-8").read()
        check("Connection refused" in text, "%s report does not hold the error" % fmt)
        check(shows_failing(fmt, path, ""), "%s report does not show the run as failed" % fmt)
    doc = json.load(open(paths["json"]))
    check(doc["error"].startswith("target unreachable: cannot connect to 127.0.0.1:%d" % port),
          "JSON error member: %r" % doc["error"])
    check(doc["results"] == [] and doc["summary"]["failing"] == 1, "JSON summary")
    subprocess.run([sys.executable, os.path.join(args.source, "scripts",
                                                 "validate_json_schema.py"),
                    os.path.join(args.source, "reports", "report.schema.json"), paths["json"]],
                   check=True)
    suite = ET.parse(paths["junit"]).getroot().find("testsuite")
    check(suite.get("errors") == "1" and suite.find("testcase/error") is not None,
          "JUnit has no errored testcase")
    print("ok: every report written with the error, exit 3")


class Listener:
    """Counts connections to a loopback port (it never answers)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.done = False
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        while not self.done:
            try:
                conn, _ = self.sock.accept()
                self.handle(conn)
            except socket.timeout:
                pass

    def handle(self, conn):
        self.accepted += 1
        conn.close()

    def close(self):
        self.done = True
        self.thread.join()
        self.sock.close()


def test_report_paths(args, tmp):
    listener = Listener()
    url = "http://127.0.0.1:%d/" % listener.port
    os.makedirs(os.path.join(tmp, "adir"))
    cases = [
        ("json:%s/missing/r.json" % tmp, "directory %s/missing does not exist" % tmp),
        ("html:%s/adir" % tmp, "is a directory"),
        ("junit:%s/adir/" % tmp, "is a directory"),
        ("markdown:/proc/version/r.md", "/proc/version is not a directory"),
    ]
    if os.geteuid() != 0:  # root may write anywhere: the check is not testable there.
        locked = os.path.join(tmp, "locked")
        os.makedirs(locked)
        os.chmod(locked, 0o555)
        cases.append(("json:%s/r.json" % locked, "is not writable"))
    try:
        for spec, want in cases:
            rc, out, err = run(args.bin, ["run", url, "--report", "json:%s/ok.json" % tmp,
                                          "--report", spec])
            check(rc == 2, "--report %s: exit %d, want 2" % (spec, rc))
            check(("--report " + spec) in err and want in err,
                  "--report %s: message %r lacks %r" % (spec, err, want))
            check(not os.path.exists(os.path.join(tmp, "ok.json")), "a report was written")
        for argv, want in [
            (["--report", "json:-", "--report", "ndjson:-"], "standard output already takes"),
            (["--report", "json:%s/same" % tmp, "--report", "html:%s/./same" % tmp],
             "the json report is written there too"),
        ]:
            rc, out, err = run(args.bin, ["run", url] + argv)
            check(rc == 2 and want in err, "%s: exit %d, %r" % (argv, rc, err))
        time.sleep(0.3)
        check(listener.accepted == 0,
              "%d connection(s) made before the report paths were refused" % listener.accepted)
    finally:
        listener.close()
    print("ok: %d unusable report paths refused before any connection" % (len(cases) + 2))


def test_no_match(args, tmp):
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    no_cases = os.path.join(tmp, "no-cases.json")
    with open(no_cases, "w") as f:
        f.write('{"cases": []}\n')
    listener = Listener()
    url = "http://127.0.0.1:%d/" % listener.port
    try:
        for argv, want in [
            (["--only", "nosuch"], r"no case matches --only nosuch among \d+ cases; "
                                   r"closest ids to \"nosuch\": \S"),
            (["--only", "methods.trcae"], r"closest ids to \"methods.trcae\": methods\.trace\."),
            (["--tag", "nosuch"], r"no case matches --tag nosuch among \d+ cases; "
                                  r"closest tags to \"nosuch\": \S"),
            (["--tag", "rnage"], r"closest tags to \"rnage\": range"),
            # A directory without case files is a wrong path, said as such.
            (["--cases", empty, "--no-builtin"],
             r"empty: no case files \(\*\.json\) in this directory"),
            (["--cases", no_cases, "--no-builtin"],
             r"no case matches: no case was loaded \(--no-builtin, and --cases .*no-cases\.json "
             r"holds no case\)"),
        ]:
            for command in (["run", url], ["list"]):
                rc, out, err = run(args.bin, command + argv)
                check(rc == 2, "%s: exit %d, want 2" % (command + argv, rc))
                check(re.search(want, err), "%s: %r does not match %r" % (argv, err, want))
        check(listener.accepted == 0, "a run of nothing connected to the target")
    finally:
        listener.close()
    print("ok: selections of nothing exit 2 with the closest ids and tags")


def test_baseline_stream(args, tmp):
    server = Server(args.bin, ["405-without-allow"])
    try:
        selection = ["--only", "methods.405.allow."]
        rc, _, _, paths = run_all_formats(args.bin, server.url, selection, tmp, "first")
        check(rc == 1, "first run exit %d" % rc)
        doc = json.load(open(paths["json"]))
        failing = sorted(r["id"] for r in doc["results"] if r["outcome"] == "fail")
        check(len(failing) >= 2, "want two failures to tell apart, got %s" % failing)
        known, new = failing[0], failing[1:]
        baseline = {"schema": "httpconform-baseline/1",
                    "failures": [{"id": known, "reason": "tolerated"}]}
        path = os.path.join(tmp, "known.json")
        json.dump(baseline, open(path, "w"))
        rc, out, err = run(args.bin, ["run", server.url, "--baseline", path] + selection)
        check(rc == 1, "exit %d" % rc)
        lines = out.split("\n")
        check(any(l.startswith("FAIL  (known) %s (" % known) for l in lines),
              "the known failure is not marked as it streams:\n" + out)
        for n in new:
            check(any(l.startswith("FAIL  %s (" % n) for l in lines),
                  "new failure %s not streamed as FAIL:\n%s" % (n, out))
        progress = [l for l in lines if l.startswith("progress: ")]
        check(progress and progress[-1].endswith(
            "cases done, %d failing (1 known)" % len(new)),
            "progress does not count known failures apart: %s" % progress)
    finally:
        server.stop()
    print("ok: known failures marked as they stream and in the counts")


def test_skip_summary(args, tmp):
    python = os.path.join(args.source, "scripts", "targets", "python.sh")
    state = os.path.join(tmp, "python")
    url = subprocess.run([python, "start", state, os.path.join(args.source, "tests", "fixtures",
                                                               "docroot")],
                         capture_output=True, text=True, timeout=60).stdout.strip()
    check(url.startswith("http://127.0.0.1:"), "python http.server did not start: %r" % url)
    try:
        rc, out, err, paths = run_all_formats(args.bin, url, [], tmp, "python")
        check(rc in (0, 1), "exit %d: %s" % (rc, err))
        doc = json.load(open(paths["json"]))
        skipped = [r for r in doc["results"] if r["outcome"] == "skip"]
        check(len(skipped) > 20, "only %d skips" % len(skipped))
        for r in doc["results"]:
            check("${" not in r["reason"], "%s: unsubstituted variable in %r" % (r["id"],
                                                                                   r["reason"]))
        # One discovery line per variable: no default both replaced and "kept".
        names = [m.group(1) for m in (re.match(r"discovery: ([a-z_]+): ", n) for n in doc["notes"])
                 if m and m.group(1) != "OPTIONS"]
        check(len(names) == len(set(names)), "a variable has several discovery lines: %s" % names)
        lines = out.split("\n")
        at = lines.index("Skipped: %d case(s), by reason:" % len(skipped))
        groups = []
        i = at + 1
        while re.match(r"^ +\d+  ", lines[i]):
            groups.append(lines[i])
            i += 1
        # The smallest groups are summed up in one last line.
        other = groups.pop() if "other reasons: see the reports" in groups[-1] else None
        check(sum(int(g.split()[0]) for g in groups + ([other] if other else [])) == len(skipped),
              "the groups do not add up to the skips: %s" % groups)
        counts = [int(g.split()[0]) for g in groups]
        check(counts == sorted(counts, reverse=True), "groups not largest first: %s" % counts)
        check(not any(re.search(r" /[a-z]", g) for g in groups),
              "a group still names a path: %s" % groups)
        check(lines[i] == "Variables that could unlock skipped cases (set with --var NAME=VALUE):",
              "no variable hints after the groups: %r" % lines[i])
        hints = []
        i += 1
        while lines[i].startswith("  --var "):
            hints.append(lines[i])
            i += 1
        check(hints, "no --var hint")
        check(any(re.match(r"  --var resource=\.\.\.  used by \d+ skipped case\(s\); discovery "
                           r"saw: /", h) for h in hints), "no resource hint with candidates: %s"
              % hints)
        check(any("discovery does not look for it" in h for h in hints),
              "no hint for a variable discovery does not know: %s" % hints)
        # The skip summary comes before the ending (failing list, table, verdict).
        check(i < len(lines) and lines.index("Skipped: %d case(s), by reason:" % len(skipped))
              < len(lines) - 10, "skip summary placement")
    finally:
        subprocess.run([python, "stop", state], timeout=60)
    print("ok: %d skips in %d groups, %d --var hints" % (len(skipped), len(groups), len(hints)))


TESTS = {
    "formats-agree": test_formats_agree,
    "nginx-formats-agree": test_nginx_formats_agree,
    "quiet": test_quiet,
    "unreachable-reports": test_unreachable_reports,
    "report-paths": test_report_paths,
    "no-match": test_no_match,
    "baseline-stream": test_baseline_stream,
    "skip-summary": test_skip_summary,
}


def main(tests=None):
    """Runs the test named on the command line, of `tests` (default: TESTS)."""
    tests = tests or TESTS
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("test", choices=sorted(tests))
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            code = tests[args.test](args, tmp) or 0
        except Failure as e:
            print("FAIL: %s" % e)
            return 1
    if code == 0:
        print("ok")
    return code


if __name__ == "__main__":
    sys.exit(main())
