"""Expectations for hostile_server's large-response behaviours (large_responses.cc).

Imported by hostile_test.py. Each behaviour runs the whole library (every
case, autodiscovery on) and must end with exit 0 or 1, every report written
and valid, within its wall-time and peak-RSS bounds, which come from
measurement with margin (the figures beside each: dev build, then ASan+UBSan
build, on a shared 2-CPU machine under load). Wall time scales with
HTTPCONFORM_TIME_SCALE under the sanitizers. Peak RSS is bounded at RSS_MB
in the dev build; under ASan it is mostly the allocator's quarantine (256 MB
of freed memory held back to catch use after free) and shadow memory, so
the sanitized bound is its own, ASAN_RSS_MB. A check per behaviour then looks in the JSON report
for evidence that the response was really met as intended: the whole page
read, the head accepted or refused at the limit, the coded content kept as
sent (RFC 9110 §8.4: nothing decodes it, so no bomb can cost more than its
size on the wire).
"""
import re

PAGE_BYTES = 8 * 1024 * 1024
HEAD_LIMIT = 1024 * 1024
LINE_LIMIT = 64 * 1024

# What a case's reason may say against these servers: a verdict, a skip, or
# an error in words (each response ends with Connection: close, so steps that
# reuse the connection find it closed).
R_LIBRARY = (r"expected|not applicable|cannot check content .*: only the first \d+ of|"
             r"no response within \d+ ms|response incomplete after \d+ ms|response cut short|"
             r"malformed response|connection closed without a response|connection reset|"
             r"the previous connection is closed|the server had closed the connection|"
             r"no parseable status line|interim")
OUTCOMES = {"pass", "fail", "skip", "error"}


class Failure(Exception):
    pass


def _check(cond, message):
    if not cond:
        raise Failure(message)


def _responses(report):
    for result in report["results"]:
        for step in result["steps"]:
            if step.get("response"):
                yield result, step["response"]


def _field(response, name):
    for n, v in response["headers"]:
        if n.lower() == name.lower():
            return v
    return None


def whole_content(size):
    """Some response's content was read to its end: `size` bytes counted."""
    def check(report):
        sizes = [r["body_size"] for _, r in _responses(report) if r["complete"]]
        _check(size in sizes, "no complete response of %d bytes (saw %s)" % (size, sorted(set(sizes))[-5:]))
    return check


def links_walked(report):
    """Discovery fetched the page of links and followed some of them."""
    whole_content(PAGE_BYTES)(report)
    notes = " ".join(report.get("notes", []))
    m = re.search(r"discovery: (\d+) probe\(s\) sent", notes)
    _check(m and int(m.group(1)) >= 10, "discovery sent too few probes: %r" % notes[:500])


def head_accepted(report):
    """A head 512 bytes under the head limit parses whole: a complete 200
    whose big field lines (each just under the line limit) the report left
    out, counted (a run keeps each step's first 16 KiB of fields)."""
    heads = [r for _, r in _responses(report) if r["status"] == 200 and r["complete"] and
             r.get("fields_omitted", 0) >= HEAD_LIMIT // LINE_LIMIT]
    _check(heads, "no response with the big head was accepted whole")
    _check(not any("head larger than" in x["reason"] for x in report["results"]),
           "a head under the limit was refused")


def refused(diagnostic_detail):
    """Every case that met the response says why it was refused."""
    def check(report):
        reasons = [r["reason"] for r in report["results"] if r["outcome"] == "error"]
        _check(any(diagnostic_detail in x for x in reasons),
               "no error says %r: %r" % (diagnostic_detail, reasons[:3]))
    return check


def kept_as_sent(report):
    """Content-coded content is the coded bytes, never decoded: its size is
    its Content-Length, far below the 32 MiB it would decode to."""
    coded = [r for _, r in _responses(report) if _field(r, "Content-Encoding")]
    _check(coded, "no content-coded response seen")
    for r in coded:
        length = int(_field(r, "Content-Length"))
        _check(r["body_size"] <= length < 4 * 1024 * 1024,
               "coded content of %d bytes for Content-Length %d" % (r["body_size"], length))
    _check(any(r["complete"] and r["body_size"] == int(_field(r, "Content-Length"))
               for r in coded), "no coded response read whole")


# MB, dev build. Most of the peak is the coded responses in flight (up to
# --jobs of them, each up to the content cap) and the finished results kept
# for the reports, trimmed (runner/result_trim.h) but growing with the
# library: 127.7 MB (large-gzip) and 129.5 MB (large-deflate) measured with
# 338 cases, so the bound keeps a quarter of margin over that.
RSS_MB = 160
ASAN_RSS_MB = 1024
# Seconds, dev build: three times the slowest run measured (31 s, beside the
# other tests with ctest -j2 on a loaded machine), as CI runs them so.
WALL_S = 90
JOBS = 8


def _entry(check):
    return (R_LIBRARY, OUTCOMES, {"exit": (0, 1), "jobs": JOBS, "wall_s": WALL_S,
                                  "rss_mb": RSS_MB, "asan_rss_mb": ASAN_RSS_MB, "check": check})


# behaviour -> hostile_test.TABLE entry. Measured: seconds and peak RSS in
# the dev build (alone; beside the other tests it took up to 31 s), then in
# the ASan+UBSan build.
TABLE = {
    # 6-10 s, 49-58 MB; 7 s, 465 MB.
    "large-html-root": _entry(links_walked),
    # 10-27 s, 58-66 MB; 23 s, 653 MB.
    "large-every-route": _entry(whole_content(PAGE_BYTES)),
    # 9-12 s, 53 MB; 13 s, 441 MB.
    "single-byte-run": _entry(whole_content(PAGE_BYTES)),
    # 10-24 s, 75-79 MB; 23 s, 700 MB.
    "no-newline": _entry(whole_content(PAGE_BYTES)),
    # 5-8 s, 63 MB; 7 s, 438 MB.
    "deep-nesting": _entry(whole_content(1100071)),
    # 5-9 s, 50-55 MB; 8 s, 460 MB.
    "head-just-under-limit": _entry(head_accepted),
    # 6-9 s, 43-48 MB; 6 s, 534 MB.
    "head-just-over-limit": _entry(refused("head larger than %d bytes" % HEAD_LIMIT)),
    # 4-6 s, 43-47 MB; 5 s, 460 MB.
    "huge-field-value": _entry(refused("line longer than %d bytes" % LINE_LIMIT)),
    # 10-14 s, 87 MB; 9 s, 530 MB.
    "large-gzip": _entry(kept_as_sent),
    # 8 s, 80 MB; 8 s, 487 MB.
    "large-br": _entry(kept_as_sent),
    # 13-14 s, 87 MB; 10 s, 530 MB.
    "large-deflate": _entry(kept_as_sent),
}
