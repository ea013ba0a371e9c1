#!/usr/bin/env python3
"""Validates JSON documents (comments allowed, as in case files) against a JSON Schema.

usage: validate_json_schema.py SCHEMA FILE... | validate_json_schema.py SCHEMA --ndjson FILE
Exit 0 when every document is valid; 1 with one line per violation otherwise.
"""
import json
import sys


def strip_comments(text):
    """Removes // and /* */ comments outside strings (nlohmann's ignore_comments)."""
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
            i += 1
        elif c == '"':
            in_str = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main(argv):
    import jsonschema  # Here, so that strip_comments imports without it (fuzz/make_seeds.py).

    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    validator = validator_cls(schema)
    files, ndjson = argv[2:], False
    if files and files[0] == "--ndjson":
        ndjson, files = True, files[1:]
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        docs = [json.loads(l) for l in text.splitlines() if l.strip()] if ndjson else [
            json.loads(strip_comments(text))]
        for k, doc in enumerate(docs):
            for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
                pointer = "/" + "/".join(str(p) for p in err.path)
                where = f"{path}" + (f" line {k + 1}" if ndjson else "")
                print(f"{where}: {pointer}: {err.message}")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
