#!/usr/bin/env python3
"""Checks every case's spec.quote: verbatim from the RFC it cites, and its
BCP 14 keyword is the case's level.

usage: quote_check.py SPEC_DIR CASE_FILE...   (SPEC_DIR: docs/rfc)

Verbatim: whitespace, line breaks, pilcrows and list bullets of the RFC text
are ignored (a quote may join a list's items with spaces); "..." in a quote
stands for an omitted part, so each piece between ellipses must appear, in
order. Quotes from RFCs not in SPEC_DIR (e.g. RFC 6455, RFC 6585) cannot be
checked here and are listed, not failed.

Level (the rule of harness/core/bcp14.h, which the loader applies too): the
quote holds at least one BCP 14 keyword in capitals, all of one level, and
that level is spec.level. MUST, MUST NOT, REQUIRED, SHALL, SHALL NOT are
MUST; SHOULD, SHOULD NOT, RECOMMENDED, NOT RECOMMENDED are SHOULD; MAY,
OPTIONAL are MAY. This applies to every quote, checked text or not.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from validate_json_schema import strip_comments  # noqa: E402

DROP = re.compile(r"[\s\u00b6\u2022\u25a1\u2610]+")  # whitespace, ¶, •, □
KEYWORD = re.compile(r"(?<![A-Za-z])(MUST\s+NOT|SHALL\s+NOT|SHOULD\s+NOT|NOT\s+RECOMMENDED|"
                     r"MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)(?![A-Za-z])")
LEVEL = {"MUST": "MUST", "MUST NOT": "MUST", "REQUIRED": "MUST", "SHALL": "MUST",
         "SHALL NOT": "MUST", "SHOULD": "SHOULD", "SHOULD NOT": "SHOULD",
         "RECOMMENDED": "SHOULD", "NOT RECOMMENDED": "SHOULD", "MAY": "MAY", "OPTIONAL": "MAY"}


def squash(text):
    return DROP.sub("", text)


def keyword_problem(quote, level):
    """None when the quote's keywords are all of `level`, else why not."""
    found = [re.sub(r"\s+", " ", m.group(1)) for m in KEYWORD.finditer(quote)]
    if not found:
        return "the quote has no BCP 14 keyword in capitals"
    levels = sorted({LEVEL[k] for k in found})
    if len(levels) > 1:
        return "the quote mixes keywords of two levels: " + ", ".join(found)
    if levels[0] != level:
        return f"level {level} differs from the quote's keyword {found[0]} ({levels[0]})"
    return None


def main(argv):
    spec_dir, files = argv[1], argv[2:]
    texts = {}
    for rfc in (9110, 9111, 9112, 9113):
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
            problem = keyword_problem(quote, spec.get("level"))
            if problem:
                print(f"{path}: {case['id']}: {problem}")
                bad += 1
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
