#!/usr/bin/env python3
"""Regenerates the seed corpora under fuzz/corpus/<target>/.

Seeds come from the wire parser test tables (every std::string literal with
the `s` suffix in harness/wire/{response,request}_parser_test.cc: the row
inputs) and from the case library (cases/*.json, harness/loader/testdata,
tests/malformed; for the expectations target, each regex of the library with
a response it can meet). Each seed file is named by the sha1 of its content, so
re-running is idempotent and duplicates collapse. Targets whose input has a
prefix (response_stream: options and split seed; framing: mode byte) get
the prefixes written here; see the comment at the top of each *_fuzzer.cc.

usage: fuzz/make_seeds.py [--clean]   (--clean removes stale seeds first)
"""
import hashlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from validate_json_schema import strip_comments  # noqa: E402  (case files have comments)
CORPUS = ROOT / "fuzz" / "corpus"
MAX_SEED = 16 * 1024  # The smallest input cap of the targets that take these.

_SIMPLE = {"n": 10, "r": 13, "t": 9, "0": 0, "\\": 92, '"': 34, "'": 39, "?": 63,
           "a": 7, "b": 8, "f": 12, "v": 11}


def _unescape(body):
    """C++ string literal body -> bytes (\\x takes every hex digit, as C++ does)."""
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = body[i + 1]
        if n == "x":
            j = i + 2
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2:j], 16) & 0xFF)
            i = j
        elif n in "01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1:j], 8) & 0xFF)
            i = j
        else:
            out.append(_SIMPLE[n])
            i += 2
    return bytes(out)


_TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|R"([^(]*)\(.*?\)\1"|\'(?:\\.|[^\'\\])*\'|'
                    r'"((?:\\.|[^"\\\n])*)"(s?)|\S', re.S)


def table_inputs(path):
    """Every group of adjacent string literals ending in the `s` suffix."""
    inputs, group = [], []
    for m in _TOKEN.finditer(path.read_text()):
        if m.group(2) is not None and not m.group(0).startswith("R"):
            group.append(_unescape(m.group(2)))
            if m.group(3):
                inputs.append(b"".join(group))
                group = []
        else:
            group = []
    return [i for i in inputs if 0 < len(i) <= MAX_SEED]


# Known parser pitfalls, beyond the test tables: list syntax in framing
# fields, framing fields where they mean nothing, upgrades, interim responses.
PITFALLS = [
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n1\r\na\r\n0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"1\r\na\r\n0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc",
    b"HTTP/1.1 200 OK\r\nContent-Length: 1,1\r\n\r\na",
    b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
    b"HTTP/1.1 200 OK\r\nContent-Length: 01\r\n\r\na",
    b"HTTP/1.1 200 \r\nContent-Length: 1\r\n\r\na",
    b"HTTP/1.1 200 OK\r\nX:\r\nContent-Length: 1\r\n\r\na",
    b"HTTP/1.0 200 OK\r\n\r\nabc",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na",
    b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a\r\na\r\n0;x=1\r\nX: y\r\n\r\n",
    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\nabc",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 5\r\n\r\n",
]


def split_head(message):
    """(head, body) at the first empty line (CRLF or bare LF), or None."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        at = message.find(sep)
        if at >= 0:
            return message[:at], message[at + len(sep):]
    return None


def framing_seeds(messages):
    seeds = []
    for message in messages:
        parts = split_head(message)
        if parts is None:
            continue
        head, body = parts
        lower = head.lower()
        if b"transfer-encoding:" in lower and b"chunked" in lower:
            seeds.append(b"\x01" + body)
        m = re.search(rb"(?im)^content-length:[ \t]*([^\r\n]*)", head)
        if m:
            seeds.append(b"\x00" + m.group(1) + b"\r\n" + body)
    return seeds


# ---- expectations (expectations_fuzzer.cc) ----
# The layout, mirrored from the fuzzer: 64 control bytes, 8 NUL-separated
# strings, the content. Field names are indices into the fuzzer's kNames;
# statuses into kStatuses.
NAMES = ["Content-Type", "ETag", "Content-Range", "Set-Cookie", "Allow", "Vary", "Location",
         "Date", "Retry-After", "Upgrade", "WWW-Authenticate", "Cookie"]
STATUS_200, STATUS_206 = 2, 4
SAMPLE_VALUES = {
    "Content-Type": b"multipart/byteranges; boundary=THIS_SEPARATES",
    "ETag": b'W/"abc"', "Content-Range": b"bytes 0-9/30", "Set-Cookie": b"id=1; Path=/",
    "Allow": b"GET, HEAD", "Vary": b"Accept", "Location": b"/a?b=c#d",
    "Date": b"Sun, 06 Nov 1994 08:49:37 GMT", "Retry-After": b"120",
    "Upgrade": b"websocket", "WWW-Authenticate": b'Basic realm="x"', "Cookie": b"a=b",
}
MULTIPART = (b"--THIS_SEPARATES\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-9/30\r\n\r\n"
             b"0123456789\r\n--THIS_SEPARATES\r\nContent-Type: text/plain\r\n"
             b"Content-Range: bytes 20-29/30\r\n\r\nklmnopqrst\r\n--THIS_SEPARATES--\r\n")


def library_patterns():
    """(where, field name or None, pattern) for every regex of the case library."""
    found = []

    def walk(value, parent_key):
        if isinstance(value, dict):
            for key, v in value.items():
                if key in ("matches", "not_matches") and isinstance(v, str):
                    found.append(("content" if parent_key == "content" else "header", parent_key, v))
                elif key == "content_regex":
                    found.append(("content", None, v))
                elif key == "regex" and isinstance(value.get("header"), str):
                    found.append(("header", value["header"], v))
                walk(v, key)
        elif isinstance(value, list):
            for v in value:
                walk(v, parent_key)

    for path in sorted((ROOT / "cases").glob("*.json")):
        walk(json.loads(strip_comments(path.read_text())), None)
    return found


def expectation_seed(control, strings, content):
    strings = (list(strings) + [b""] * 8)[:8]
    return bytes(control[:64]).ljust(64, b"\0") + b"\0".join(strings) + b"\0" + content


def expectations_seeds():
    seeds = []
    for where, name, pattern in library_patterns():
        name = name if name in NAMES else "Content-Type"
        at = NAMES.index(name) * 8  # Fuzzer's Name(): index * 8, two values.
        status = STATUS_206 if name == "Content-Range" or where == "content" else STATUS_200
        control = [status, 2, 0, 0, at, at + 1,  # Two field lines of that name.
                   0,                            # One alternative:
                   1 | status * 2,               # status,
                   2, 3, at, 4, at,              # header matches, not_matches (string 0),
                   1, 3, 0,                      # content matches (string 0),
                   0,                            # nothing more;
                   1, 3, at, 2, 0]               # captures: header regex, content regex.
        value = SAMPLE_VALUES[name]
        seeds.append(expectation_seed(control, [pattern.encode(), b"", b"", b"", value, value],
                                      MULTIPART))
    # The flags: no response, content cut short, an interim 100 and a
    # diagnostic, a large content (repeated 64 times), an earlier step with
    # the range checks (range_of, same_as, matches_content_range).
    page = b"".join(b'<li><a href="/item/%d">item %d</a></li>\n' % (i, i) for i in range(100))
    for flags, repeat in ((1, 0), (2, 0), (16 | 32 | 4 | 8, 0), (64, 63), (128, 0), (2 | 64, 63)):
        control = [STATUS_206, 1, flags, repeat, 2 * 8, 0, 1 | STATUS_206 * 2, 1, 3, 2 * 8,
                   2, 6, 0x40 | 9, 8, 0, 0xff, 3, 2, 0, 1, 0, 7, 0, 0]
        seeds.append(expectation_seed(
            control, [b"token=(\\w+)", b"item 99", b"^$", b"(a|b)*c", b"bytes 0-9/30",
                      b"x", b"0123456789" * 3, b"9"], page + b"token=last"))
    # Patterns RE2 refuses: the evaluator says so instead of matching.
    for bad in (b"(?=a)", b"(a)\\1", b"a++", b"(", b"[z-a]", b"x{1001}"):
        seeds.append(expectation_seed([STATUS_200, 1, 0, 0, 8, 0, 0, 1, 3, 8, 1, 3, 0, 0, 0, 2, 0],
                                      [bad, b"", b"", b"", b'"v"'], b"content"))
    return seeds


def write(target, seeds):
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    names = set()
    for seed in seeds:
        name = hashlib.sha1(seed).hexdigest()
        names.add(name)
        (directory / name).write_bytes(seed)
    return names


def main():
    clean = "--clean" in sys.argv[1:]
    responses = table_inputs(ROOT / "harness/wire/response_parser_test.cc") + PITFALLS
    requests = table_inputs(ROOT / "harness/wire/request_parser_test.cc")
    case_files = sorted((ROOT / "cases").glob("*.json"))
    case_files += sorted((ROOT / "harness/loader/testdata").glob("*.json"))
    case_files += sorted((ROOT / "tests/malformed").glob("*.json"))
    cases = [f.read_bytes() for f in case_files]

    plan = {
        "status_line": [r.split(b"\n", 1)[0] for r in responses],
        "response_head": responses,
        # Options 0 (GET, eof) split byte by byte; options 8 (small limits)
        # split in pieces of up to 13 bytes; HEAD and CONNECT on a few.
        "response_stream": [b"\x00\x00" + r for r in responses] +
                           [b"\x08\x0d" + r for r in responses] +
                           [b"\x01\x05" + r for r in responses[:20]] +
                           [b"\x06\x03" + r for r in responses[:20]],
        "framing": framing_seeds(responses) + framing_seeds(requests),
        "request": requests,
        "case_loader": cases,
        "expectations": expectations_seeds(),
        "differential": responses,
    }
    for target, seeds in plan.items():
        keep = write(target, seeds)
        if clean:
            for stale in (CORPUS / target).iterdir():
                if stale.name not in keep:
                    stale.unlink()
        print(f"{target}: {len(keep)} seeds")


if __name__ == "__main__":
    main()
