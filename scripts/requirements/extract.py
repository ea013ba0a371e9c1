#!/usr/bin/env python3
"""Extracts the BCP 14 requirements of RFC 9110, 9111 and 9112 from docs/rfc.

The RFC texts in docs/rfc are the RFC Editor's HTML rendering as text: no
page headers or form feeds, a table of contents, paragraphs that end with a
pilcrow, list items marked with a bullet or a number, artwork indented.
This script reads one, finds the section headings (each must be the next
entry of the table of contents, so a wrapped line that happens to start
with "5.6.1 " cannot open a section), cuts each section into units
(paragraphs, list items, definition terms and their descriptions), joins
each unit's lines, splits it into sentences, and keeps every sentence that
carries an uppercase BCP 14 keyword.

A list item's lead-in (the paragraph sentence ending in ':' before it) is
kept as the item's context: "a cache:" says who "MUST send ..." binds. A
lead-in that carries a keyword itself ("an origin server MUST send
either:") is one requirement with its list: its text runs on through the
items, as the RFC words it.

Id: RFC-SECTION-HASH, HASH the first 8 hex digits of the SHA-256 of the
sentence with every whitespace character removed. An id follows the
sentence's words, not its position: inserting, removing or re-splitting
another sentence of the section leaves it alone (an ordinal would shift
and move a reviewed classification onto a different sentence silently),
and a change to its own words makes the old id disappear and a new one
appear, which the check reports, which is when the classification must be
read again. Two identical sentences in one section get "-2", "-3", ... in
document order.

Not extracted (see docs/requirements/README.md): the BCP 14 boilerplate
paragraph of the Requirements Notation section, and the sections whose
title ends in "Registry" or is "IANA Considerations" (and their
subsections): their keywords bind registrations and IANA, not HTTP
implementations.

usage:
  extract.py [--rfc-dir DIR] list [RFC...]      the extracted requirements as JSON
  extract.py [--rfc-dir DIR] [--data-dir DIR] update   merge into the catalogue files
  extract.py [--rfc-dir DIR] [--data-dir DIR] check    exit 1 unless the catalogue is current
  extract.py [--rfc-dir DIR] [--data-dir DIR] stats    counts per RFC
"""
import argparse
import hashlib
import json
import os
import re
import sys

RFCS = (9110, 9111, 9112)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# Longest alternatives first, so "MUST NOT" is one keyword, not "MUST".
KEYWORD = re.compile(r"\b(MUST NOT|MUST|REQUIRED|SHALL NOT|SHALL|SHOULD NOT|SHOULD|"
                     r"NOT RECOMMENDED|RECOMMENDED|MAY|OPTIONAL)\b")
SECTION_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)*|[A-Z](?:\.[0-9]+)*)"
HEADING = re.compile(r"^(?:Appendix )?(" + SECTION_NUMBER + r")\. (\S.*)$")
TOC_ENTRY = re.compile(r"^\s+[^\s\w]\s+(?:Appendix )?(" + SECTION_NUMBER + r")\.\s+(\S.*)$")
BULLET_ITEM = re.compile(r"^(\s+)[•□☆◦▪]\s+(.*)$")
NUMBER_ITEM = re.compile(r"^(\s+)([0-9]+\.)\s+(.*)$")
WHITESPACE = re.compile(r"\s+")
# Pilcrows and list bullets of the rendering: not part of any sentence (the
# check looks for each text in the RFC without them, as tests/quote_check.py
# looks for case quotes).
RENDERING_MARKS = re.compile(r"[¶•□☐☆○◦▪]")
# A sentence ends at '.', '?' or '!' (then closing quotes or brackets) before
# whitespace and a capital, a digit, or an opening quote or bracket.
SENTENCE_END = re.compile(r"[.?!][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
ABBREVIATIONS = ("e.g.", "i.e.", "e.g,", "etc.", "a.k.a.", "vs.", "cf.")
BOILERPLATE = 'The key words "MUST", "MUST NOT", "REQUIRED"'


class ExtractError(Exception):
    pass


def keyword_class(keywords):
    """MUST, SHOULD or MAY: the strongest keyword of a sentence."""
    if any(k in ("MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT") for k in keywords):
        return "MUST"
    if any(k in ("SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED") for k in keywords):
        return "SHOULD"
    return "MAY"


def squash(text):
    """The text without whitespace: what ids hash and quotes match."""
    return WHITESPACE.sub("", text)


def join_lines(lines):
    """One unit's lines as one line. The renderer breaks long tokens after
    '/' ("request/" + "response"), so no space is put there."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not out.endswith("/"):
            out += " "
        out += line
    return WHITESPACE.sub(" ", out.replace("¶", " ")).strip()


def split_sentences(text):
    sentences, start = [], 0
    for m in SENTENCE_END.finditer(text):
        word = text[:m.start() + 1].rsplit(" ", 1)[-1].lstrip("(\"“").lower()
        if word in ABBREVIATIONS:
            continue
        sentences.append(text[start:m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def read_toc(lines):
    """(number, title) of every table-of-contents entry, and the index of
    the first body line (the heading of the first entry)."""
    try:
        start = lines.index("Table of Contents")
    except ValueError:
        raise ExtractError("no 'Table of Contents' line")
    toc = []
    for i in range(start + 1, len(lines)):
        m = TOC_ENTRY.match(lines[i])
        if m:
            toc.append(m.group(1))
            continue
        h = HEADING.match(lines[i])
        if h and toc and h.group(1) == toc[0] and lines[i - 1].strip() == "":
            return toc, i
    raise ExtractError("the table of contents has no end")


def read_sections(lines):
    """Yields (number, title, body lines) for each section, in order."""
    toc, i = read_toc(lines)
    expected, current, body = 0, None, []
    for line in lines[i:]:
        m = HEADING.match(line)
        if (m and expected < len(toc) and m.group(1) == toc[expected]
                and (not body or body[-1].strip() == "")):
            if current:
                yield current[0], current[1], body
            current, body, expected = (m.group(1), m.group(2).strip()), [], expected + 1
            continue
        body.append(line.rstrip("\n"))
    if current:
        yield current[0], current[1], body
    if expected != len(toc):
        raise ExtractError(f"section {toc[expected]} of the table of contents has no heading")


def indent(line):
    return len(line) - len(line.lstrip(" "))


def units(body):
    """Cuts a section body into (kind, text) units: 'para' (a paragraph at
    the margin), 'item' (a list item), 'cont' (indented text: an item's
    further paragraph, a definition's description, artwork)."""
    out, kind, cur, number = [], None, [], ""

    def flush():
        if cur:
            out.append((kind, join_lines(cur), number))

    prev = ""
    for line in body:
        if not line.strip():
            flush()
            cur, kind, prev = [], None, ""
            continue
        item = BULLET_ITEM.match(line) or NUMBER_ITEM.match(line)
        new_kind = None
        if item:
            new_kind = "item"
            line = item.group(item.lastindex)
        elif cur and indent(line) == 0 and indent(prev) > 0:
            new_kind = "para"  # a definition term after a description
        elif cur and indent(line) > 0 and indent(prev) == 0 and prev.rstrip().endswith(":"):
            new_kind = "cont"  # a definition's description after its term
        elif not cur:
            new_kind = "para" if indent(line) == 0 else "cont"
        if new_kind:
            flush()
            cur, kind = [], new_kind
            number = item.group(2) if item and item.lastindex == 3 else ""
        cur.append(line)
        prev = line if not item else " " + line
    flush()
    return out


def excluded_section(titles):
    """A registry's section (or a subsection of one): its keywords bind
    registrations and IANA, not HTTP implementations."""
    return any(t.endswith("Registry") or t == "IANA Considerations" for t in titles)


def section_requirements(rfc, number, title, body):
    """The keyword sentences of one section, in order."""
    found = []
    lead = None  # the lead-in sentence of the list being read
    pending = None  # a keyword lead-in whose list is being appended to it
    in_item = False  # the unit is a list item or continues one
    for kind, text, marker in units(body):
        in_item = kind == "item" or (kind == "cont" and in_item)
        if pending is not None and not in_item:
            pending = None
        sentences = split_sentences(text)
        # A lead-in ends in ':' or mid-sentence ("... received either" + list).
        lead_in = text.endswith(":") or not text.rstrip("\"”)").endswith((".", "?", "!"))
        if kind == "para":
            lead = sentences[-1] if lead_in else None
        if pending is not None:
            pending["text"] += " " + " ".join(([marker] if marker else []) + sentences)
            continue
        for n, sentence in enumerate(sentences):
            keywords = KEYWORD.findall(sentence)
            if not keywords:
                continue
            record = {"rfc": rfc, "section": number, "title": title, "keywords": keywords,
                      "text": sentence, "before": " ".join(sentences[:n])}
            if kind != "para" and lead:
                record["context"] = lead
            found.append(record)
            if kind == "para" and n == len(sentences) - 1 and lead_in:
                record["lead_in"] = sentence
                pending = record
    for record in found:
        if record.get("lead_in") == record["text"]:
            del record["lead_in"]  # no list followed (artwork, say)
    return found


def extract(rfc, path):
    """(requirements, excluded sentences, {top-level section: title}) of
    one RFC text."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found, excluded, titles = [], [], {}
    for number, title, body in read_sections(lines):
        titles[number] = title
        parents = [titles.get(".".join(number.split(".")[:k]), "")
                   for k in range(1, number.count(".") + 1)]
        for record in section_requirements(rfc, number, title, body):
            if excluded_section(parents + [title]) or record["text"].startswith(BOILERPLATE):
                excluded.append(record)
            else:
                found.append(record)
    disambiguate(found)
    assign_ids(found)
    return found, excluded, {n: t for n, t in titles.items() if "." not in n}


def disambiguate(records):
    """A sentence that occurs twice in a section ("The server MUST NOT
    process any further requests received on that connection.", RFC 9112
    §9.6) gets the sentences before it in its paragraph as context, so a
    quote can say which one it means."""
    count = {}
    for r in records:
        key = (r["section"], squash(r["text"]))
        count[key] = count.get(key, 0) + 1
    for r in records:
        before = r.pop("before")
        if count[(r["section"], squash(r["text"]))] > 1 and before and "context" not in r:
            r["context"] = before


def assign_ids(records):
    seen = {}
    for r in records:
        base = "%d-%s-%s" % (r["rfc"], r["section"],
                             hashlib.sha256(squash(r["text"]).encode()).hexdigest()[:8])
        seen[base] = seen.get(base, 0) + 1
        r["id"] = base if seen[base] == 1 else "%s-%d" % (base, seen[base])
        r["keywords"] = KEYWORD.findall(r["text"])


# The catalogue files: docs/requirements/rfcNNNN.json. The extractor owns
# the text fields; reviewers own the classification fields.
TEXT_FIELDS = ("id", "section", "title", "keywords", "text", "lead_in", "context")
CLASS_FIELDS = ("binds", "observable", "reason", "plan", "note")
PARTIES = ("origin server", "server", "intermediary", "proxy", "gateway", "tunnel", "cache",
           "client", "user agent", "sender", "recipient", "implementation", "resource owner",
           "specification")
OBSERVABLE = ("origin", "intermediary", "client", "none")


def data_path(data_dir, rfc):
    return os.path.join(data_dir, f"rfc{rfc}.json")


def load_data(data_dir, rfc):
    path = data_path(data_dir, rfc)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)["requirements"]


def load_sections(data_dir, rfc):
    path = data_path(data_dir, rfc)
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("sections", {})


def dump_data(data_dir, rfc, entries, sections):
    """One entry per requirement, text fields then classification fields,
    in document order: a stable layout that diffs well in review."""
    doc = {"rfc": rfc, "source": f"docs/rfc/rfc{rfc}.txt",
           "generated_by": "scripts/requirements/extract.py update (classification fields are "
                           "reviewed data: see docs/requirements/README.md)",
           "sections": sections,
           "requirements": entries}
    path = data_path(data_dir, rfc)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(layout(doc))
    os.replace(path + ".tmp", path)


def layout(doc):
    """JSON with one member per line and arrays of strings on one line."""
    def value(v, depth):
        pad = "  " * depth
        if isinstance(v, dict):
            inner = ",\n".join(f"{pad}  {json.dumps(k)}: {value(x, depth + 1)}"
                               for k, x in v.items())
            return "{\n" + inner + "\n" + pad + "}"
        if isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v):
            inner = ",\n".join(pad + "  " + value(x, depth + 1) for x in v)
            return "[\n" + inner + "\n" + pad + "]"
        return json.dumps(v, ensure_ascii=False)
    return value(doc, 0) + "\n"


def merged(record, old):
    entry = {k: record[k] for k in TEXT_FIELDS if k in record}
    old = old or {}
    entry["binds"] = old.get("binds", [])
    entry["observable"] = old.get("observable")
    for k in ("reason", "plan", "note"):
        if old.get(k):
            entry[k] = old[k]
    return entry


def validate(entry):
    """Problems with one entry's classification; [] when it is valid and
    complete."""
    problems = []
    if entry.get("observable") is None:
        return ["unclassified"]
    if entry["observable"] not in OBSERVABLE:
        problems.append(f"observable {entry['observable']!r} is not one of {', '.join(OBSERVABLE)}")
    binds = entry.get("binds")
    if not isinstance(binds, list) or not binds:
        problems.append("binds must name at least one party")
    else:
        problems += [f"binds {b!r} is not one of: {', '.join(PARTIES)}" for b in binds
                     if b not in PARTIES]
    for k in ("reason", "plan", "note"):
        if k in entry and not (isinstance(entry[k], str) and entry[k].strip()):
            problems.append(f"{k} must be a non-empty string")
    if entry["observable"] != "origin":
        problems += [f"{k} is for origin-observable requirements (use note)"
                     for k in ("reason", "plan") if k in entry]
    unknown = set(entry) - set(TEXT_FIELDS) - set(CLASS_FIELDS)
    problems += [f"unknown field {k!r}" for k in sorted(unknown)]
    return problems


def compare(rfc_dir, data_dir, rfcs):
    """(added, removed, changed, invalid): what re-extraction would change,
    and the entries whose classification is invalid or missing."""
    added, removed, changed, invalid = [], [], [], []
    for rfc in rfcs:
        path = os.path.join(rfc_dir, f"rfc{rfc}.txt")
        found, _, sections = extract(rfc, path)
        if load_sections(data_dir, rfc) != sections:
            changed.append(f"RFC {rfc}: the top-level section titles differ")
        with open(path, encoding="utf-8") as f:
            whole = squash(RENDERING_MARKS.sub("", f.read()))
        changed += [f"{r['id']}: text not found in {path}" for r in found
                    if squash(r["text"]) not in whole]
        old = {e["id"]: e for e in load_data(data_dir, rfc)}
        new_ids = {r["id"] for r in found}
        added += [r["id"] for r in found if r["id"] not in old]
        removed += [i for i in old if i not in new_ids]
        for r in found:
            if r["id"] in old:
                e = old[r["id"]]
                diff = [k for k in TEXT_FIELDS if r.get(k) != e.get(k)]
                if diff:
                    changed.append(f"{r['id']}: {', '.join(diff)} differ")
                invalid += [f"{r['id']}: {p}" for p in validate(e)]
    return added, removed, changed, invalid


def cmd_update(args):
    lost = []
    for rfc in args.rfcs:
        found, _, sections = extract(rfc, os.path.join(args.rfc_dir, f"rfc{rfc}.txt"))
        old = {e["id"]: e for e in load_data(args.data_dir, rfc)}
        ids = {r["id"] for r in found}
        for i, e in old.items():
            if i not in ids:
                print(f"removed: {i} {json.dumps({k: e[k] for k in CLASS_FIELDS if k in e})}")
                if e.get("observable") is not None:
                    lost.append(i)
        for r in found:
            if r["id"] not in old:
                print(f"added:   {r['id']} {r['text'][:90]}")
        if lost and not args.allow_removal:
            continue
        dump_data(args.data_dir, rfc, [merged(r, old.get(r["id"])) for r in found], sections)
    if lost and not args.allow_removal:
        print(f"{len(lost)} classified requirement(s) would be dropped; nothing written for "
              "their RFCs (move their classification to the new ids, or pass --allow-removal)")
        return 1
    return 0


def cmd_check(args):
    added, removed, changed, invalid = compare(args.rfc_dir, args.data_dir, args.rfcs)
    unclassified = [i for i in invalid if i.endswith(": unclassified")]
    if args.allow_unclassified:
        invalid = [i for i in invalid if not i.endswith(": unclassified")]
    for label, items in (("new in the RFC text, not in the catalogue", added),
                         ("in the catalogue, no longer extracted", removed),
                         ("text differs from the extraction", changed),
                         ("classification", invalid)):
        for item in items:
            print(f"{label}: {item}")
    bad = added or removed or changed or invalid
    if bad:
        print("the catalogue is not current: run scripts/requirements/extract.py update, then "
              "classify (docs/requirements/README.md)")
        return 1
    print(f"the catalogue is current ({len(unclassified)} unclassified)")
    return 0


def cmd_list(args):
    out = []
    for rfc in args.rfcs:
        out += extract(rfc, os.path.join(args.rfc_dir, f"rfc{rfc}.txt"))[0]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_stats(args):
    for rfc in args.rfcs:
        found, excluded, _ = extract(rfc, os.path.join(args.rfc_dir, f"rfc{rfc}.txt"))
        data = {e["id"]: e for e in load_data(args.data_dir, rfc)}
        by_class, by_obs = {}, {}
        for r in found:
            c = keyword_class(r["keywords"])
            by_class[c] = by_class.get(c, 0) + 1
            o = str(data.get(r["id"], {}).get("observable"))
            by_obs[o] = by_obs.get(o, 0) + 1
        print(f"RFC {rfc}: {len(found)} requirements ({len(excluded)} sentences excluded); "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_class.items())) + "; observable: "
              + ", ".join(f"{k} {v}" for k, v in sorted(by_obs.items())))
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rfc-dir", default=os.path.join(ROOT, "docs", "rfc"))
    parser.add_argument("--data-dir", default=os.path.join(ROOT, "docs", "requirements"))
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("list", "update", "check", "stats"):
        p = sub.add_parser(name)
        p.add_argument("rfcs", nargs="*", type=int, default=list(RFCS))
        if name == "update":
            p.add_argument("--allow-removal", action="store_true")
        if name == "check":
            p.add_argument("--allow-unclassified", action="store_true")
    args = parser.parse_args(argv[1:])
    try:
        return {"list": cmd_list, "update": cmd_update, "check": cmd_check,
                "stats": cmd_stats}[args.command](args)
    except (ExtractError, OSError, ValueError, KeyError) as e:
        print(f"extract.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
