#!/usr/bin/env python3
"""`httpconform run --http 1.1,2`: one run over both HTTP versions, and its
outputs telling one story.

usage: dual_outputs_test.py --bin HTTPCONFORM --source SRC TEST

TEST is one of:
  dual-formats-agree  one loopback address that speaks both versions (a
                      splitter sends the HTTP/2 connection preface to nghttpd
                      and everything else to the reference server): every
                      format agrees with the exit code (outputs_test.py's
                      checks), every case has a result per version, and each
                      format names the versions and the same cases whose
                      verdict differs (JSON summary, Markdown, HTML, JUnit,
                      SARIF, the console); skipped, exit 77, without nghttpd
  missing-version     a server that speaks HTTP/1.x only (Python's
                      http.server): --http 2 and --http 1.1,2 exit 3 with one line naming HTTP/2,
                      before any case runs, reports written

Servers are started here on 127.0.0.1 only and stopped by PID.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outputs_test import (FORMATS, Failure, Listener, Server, check, main,  # noqa: E402
                          run_all_formats, shows_failing)

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Splitter(Listener):
    """A loopback listener that forwards each connection by its first bytes:
    the HTTP/2 preface to `h2_port`, anything else to `h1_port`."""

    def __init__(self, h1_port, h2_port):
        self.h1, self.h2 = h1_port, h2_port
        super().__init__()
        self.url = "http://127.0.0.1:%d/" % self.port

    def handle(self, conn):
        threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        conn.settimeout(10)
        first = b""
        try:
            while len(first) < len(PREFACE) and PREFACE.startswith(first):
                chunk = conn.recv(len(PREFACE) - len(first))
                if not chunk:
                    break
                first += chunk
        except OSError:
            conn.close()
            return
        port = self.h2 if first == PREFACE else self.h1
        try:
            up = socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            conn.close()
            return
        up.sendall(first)
        back = threading.Thread(target=self.pipe, args=(up, conn), daemon=True)
        back.start()
        self.pipe(conn, up)
        back.join(30)
        conn.close()
        up.close()

    @staticmethod
    def pipe(src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class Nghttpd:
    def __init__(self, binary, docroot):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [binary, "--no-tls", "--address=127.0.0.1", "--htdocs=" + docroot, str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise Failure("nghttpd did not listen on %d" % self.port)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def differs_from_results(results):
    """The ids judged over two versions with different outcomes (core/versions.h)."""
    judged = {}
    for r in results:
        if not r.get("http_not_applicable"):
            judged.setdefault(r["id"], set()).add(r["outcome"])
    return sorted(i for i, o in judged.items() if len(o) > 1)


def check_versions(paths, console, tag):
    doc = json.load(open(paths["json"], encoding="utf-8"))
    check(doc["schema"] == "httpconform-report/4", "%s: schema %s" % (tag, doc["schema"]))
    check(doc["settings"]["http"] == "1.1,2", "%s: settings.http %r" % (tag, doc["settings"]))
    by_id = {}
    for r in doc["results"]:
        by_id.setdefault(r["id"], []).append(r["http"])
    check(by_id and all(v == ["1.1", "2"] for v in by_id.values()),
          "%s: not one result per case and version: %s" % (tag, by_id))
    differs = differs_from_results(doc["results"])
    check(doc["summary"]["verdict_differs"] == differs,
          "%s: summary.verdict_differs %s, results say %s"
          % (tag, doc["summary"]["verdict_differs"], differs))
    marked = sorted({r["id"] for r in doc["results"] if r.get("verdict_differs")})
    check(marked == differs, "%s: results marked %s, want %s" % (tag, marked, differs))
    for v in doc["summary"]["versions"]:
        mine = [r for r in doc["results"] if r["http"] == v["http"]]
        check(v["total"] == len(mine) and v["fail"] == sum(r["outcome"] == "fail" for r in mine),
              "%s: summary.versions %s disagrees with the results" % (tag, v))
    md = open(paths["markdown"], encoding="utf-8").read()
    check("## Verdict differs between HTTP versions (%d)" % len(differs) in md,
          "%s: Markdown does not count %d differing case(s)" % (tag, len(differs)))
    for i in differs:
        check(re.search(r"^\| %s \| " % re.escape(i), md, re.M), "%s: Markdown lacks %s" % (tag, i))
    html = open(paths["html"], encoding="utf-8").read()
    check("Verdict differs between versions (%d)" % len(differs) in html,
          "%s: HTML does not count %d differing case(s)" % (tag, len(differs)))
    check(html.count('<span class="badge differs">') == 2 * len(differs),
          "%s: HTML marks %d results" % (tag, html.count('<span class="badge differs">')))
    suite = ET.parse(paths["junit"]).getroot().find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    check(props.get("verdict-differs", "").split() == differs,
          "%s: JUnit verdict-differs %r" % (tag, props.get("verdict-differs")))
    names = [t.get("name") for t in suite.findall("testcase")]
    for i in by_id:
        check(i + " [HTTP/1.1]" in names and i + " [HTTP/2]" in names,
              "%s: JUnit lacks a testcase per version of %s" % (tag, i))
    sarif = json.load(open(paths["sarif"], encoding="utf-8"))["runs"][0]
    check(sarif["properties"]["verdictDiffers"] == differs,
          "%s: SARIF verdictDiffers %s" % (tag, sarif["properties"]["verdictDiffers"]))
    lines = [l for l in open(paths["ndjson"], encoding="utf-8").read().splitlines() if l]
    check(json.loads(lines[-1])["summary"]["verdict_differs"] == differs,
          "%s: NDJSON summary verdict_differs" % tag)
    for v in ("HTTP/1.1", "HTTP/2"):
        check(re.search(r"^  %s\s+\d+ passed, \d+ failed" % re.escape(v), console, re.M),
              "%s: console has no %s counts" % (tag, v))
    if differs:
        check("Verdict differs between versions (%d case(s)):" % len(differs) in console,
              "%s: console does not list the differing cases" % tag)
    return doc, differs


def test_dual_formats_agree(args, tmp):
    nghttpd = shutil.which("nghttpd") or "/usr/sbin/nghttpd"
    if not os.path.exists(nghttpd):
        print("skip: nghttpd not installed")
        return 77
    docroot = os.path.join(tmp, "htdocs")
    os.mkdir(docroot)
    open(os.path.join(docroot, "index.html"), "w").write("<p>hello</p>\n")
    ref = Server(args.bin)
    h2 = Nghttpd(nghttpd, docroot)
    port = int(ref.url.rsplit(":", 1)[1].strip("/"))
    split = Splitter(port, h2.port)
    try:
        for tag, selection in (("dual-options", ["--only", "methods.options."]),
                               ("dual-conditional", ["--only", "conditional.if-none-match."])):
            rc, out, err, paths = run_all_formats(args.bin, split.url,
                                                  ["--http", "1.1,2"] + selection, tmp, tag)
            check(rc in (0, 1), "%s: exit %d\n%s%s" % (tag, rc, out[-3000:], err))
            for fmt in FORMATS + ("console",):
                shown = shows_failing(fmt, paths.get(fmt), out)
                check(shown == (rc == 1), "%s: exit %d, but the %s report %s a failure"
                      % (tag, rc, fmt, "shows" if shown else "does not show"))
            # shows_failing recounted what fails the run over both versions
            # from the JSON results: the exit code agrees with it.
            doc, differs = check_versions(paths, out, tag)
            print("ok: %s: exit %d, %d result(s), verdict differs for %s"
                  % (tag, rc, len(doc["results"]), differs or "none"))
    finally:
        split.close()
        h2.stop()
        ref.stop()


class Http11Only:
    """Python's http.server on 127.0.0.1, a server that offers HTTP/1.x only
    (it answers the HTTP/2 preface with 505); stopped by PID."""

    def __init__(self, docroot):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", docroot,
             str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = "http://127.0.0.1:%d/" % self.port
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise Failure("http.server did not listen on %d" % self.port)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def test_missing_version(args, tmp):
    # The reference server speaks h2c, so the server without HTTP/2 is another.
    ref = Http11Only(os.path.join(args.source, "tests", "fixtures", "docroot"))
    try:
        for versions in ("2", "1.1,2"):
            tag = "missing-" + versions.replace(",", "-")
            rc, out, err, paths = run_all_formats(args.bin, ref.url, ["--http", versions], tmp, tag)
            check(rc == 3, "%s: exit %d, want 3\n%s" % (tag, rc, err))
            lines = err.strip().split("\n")
            check(len(lines) == 1, "%s: not one line: %r" % (tag, err))
            check("HTTP/2" in lines[0] and "use --http 1.1" in lines[0],
                  "%s: the line does not name HTTP/2: %r" % (tag, lines[0]))
            if versions == "1.1,2":
                check(lines[0].startswith("httpconform: HTTP/2: "),
                      "%s: the line does not start with the version: %r" % (tag, lines[0]))
            doc = json.load(open(paths["json"], encoding="utf-8"))
            check(doc["results"] == [] and doc["error"], "%s: JSON report %r" % (tag, doc["error"]))
            check("FAIL" not in out and "ERROR" not in out, "%s: per-case lines: %r" % (tag, out))
    finally:
        ref.stop()
    print("ok: a missing HTTP/2 is one line and exit 3, with --http 2 and --http 1.1,2")


TESTS = {"dual-formats-agree": test_dual_formats_agree, "missing-version": test_missing_version}


if __name__ == "__main__":
    sys.exit(main(TESTS))
