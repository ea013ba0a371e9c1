#!/usr/bin/env python3
"""Checks that every case's spec.quote is verbatim from the RFC it cites.

usage: quote_check.py SPEC_DIR CASE_FILE...   (SPEC_DIR: docs/rfc)

Whitespace, line breaks, pilcrows and list bullets of the RFC text are
ignored (a quote may join a list's items with spaces); "..." in a quote
stands for an omitted part, so each piece between ellipses must appear, in
order. Quotes from RFCs not in SPEC_DIR (e.g. RFC 6455, RFC 6585) cannot be
checked here and are listed, not failed.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from validate_json_schema import strip_comments  # noqa: E402

DROP = re.compile(r"[\s\u00b6\u2022\u25a1\u2610]+")  # whitespace, ¶, •, □


def squash(text):
    return DROP.sub("", text)


def main(argv):
    spec_dir, files = argv[1], argv[2:]
    texts = {}
    for rfc in (9110, 9111, 9112):
        path = os.path.join(spec_dir, f"rfc{rfc}.txt")
        with open(path, encoding="utf-8") as f:
            texts[rfc] = squash(f.read())
    bad, unchecked, checked = 0, [], 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.loads(strip_comments(f.read()))
        for case in doc.get("cases", []):
            spec = case.get("spec", {})
            rfc, quote = spec.get("rfc"), spec.get("quote", "")
            if rfc not in texts:
                unchecked.append(f"{case['id']} (RFC {rfc})")
                continue
            pos = 0
            for piece in [squash(p) for p in quote.split("...")]:
                if not piece:
                    continue
                found = texts[rfc].find(piece, pos)
                if found < 0:
                    print(f"{path}: {case['id']}: quote not found in RFC {rfc}: "
                          f"{piece[:80]}...")
                    bad += 1
                    break
                pos = found + len(piece)
            else:
                checked += 1
    print(f"{checked} quotes verified; {len(unchecked)} from RFCs not in {spec_dir}: "
          + ", ".join(unchecked))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
