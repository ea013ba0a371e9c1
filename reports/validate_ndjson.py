#!/usr/bin/env python3
"""Validates an NDJSON report: every line but the last is
{"type": "result", "result": R} with R valid against the JSON report's
result definition; the last is {"type": "summary", ...} valid against the
JSON report schema without "results", with counts that match the lines.

usage: validate_ndjson.py REPORT_SCHEMA.json FILE...
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    cls = jsonschema.validators.validator_for(report)
    result_v = cls({"$ref": "#/definitions/result", "definitions": report["definitions"]})
    summary_schema = dict(report)
    summary_schema["properties"] = dict(report["properties"], type={"const": "summary"})
    del summary_schema["properties"]["results"]
    summary_schema["required"] = [r for r in report["required"] if r != "results"] + ["type"]
    summary_v = cls(summary_schema)
    problems = []
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not text.endswith("\n"):
            problems.append(f"{path}: does not end with a newline")
        lines = text.splitlines()
        if not lines:
            problems.append(f"{path}: empty")
            continue
        outcomes = {"pass": 0, "fail": 0, "skip": 0, "error": 0}
        for n, line in enumerate(lines[:-1], 1):
            doc = json.loads(line)
            if doc.get("type") != "result" or set(doc) != {"type", "result"}:
                problems.append(f"{path}:{n}: not a result line")
                continue
            for e in result_v.iter_errors(doc["result"]):
                problems.append(f"{path}:{n}: /result/{'/'.join(map(str, e.path))}: {e.message}")
            outcome = doc["result"].get("outcome")
            if outcome in outcomes:
                outcomes[outcome] += 1
        last = json.loads(lines[-1])
        for e in summary_v.iter_errors(last):
            problems.append(f"{path}:{len(lines)}: /{'/'.join(map(str, e.path))}: {e.message}")
        summary = last.get("summary", {})
        if summary.get("total") != len(lines) - 1 or any(
                summary.get(k) != v for k, v in outcomes.items()):
            problems.append(f"{path}: summary {summary} does not match the result lines")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
