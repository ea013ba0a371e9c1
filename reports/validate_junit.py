#!/usr/bin/env python3
"""Validates JUnit XML reports against reports/junit.xsd (python3-lxml) and
checks what a schema cannot: the suite counts agree with the testcases, and
each testcase id appears once.

usage: validate_junit.py SCHEMA.xsd FILE...
Exit 0 when every file is valid; 1 with one line per problem otherwise.
"""
import sys

from lxml import etree


def check(schema, path):
    problems = []
    doc = etree.parse(path)
    if not schema.validate(doc):
        problems += [f"{path}:{e.line}: {e.message}" for e in schema.error_log]
        return problems
    for suite in doc.getroot().iter("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for attr, n in counts.items():
            if suite.get(attr) is not None and int(suite.get(attr)) != n:
                problems.append(f"{path}: suite {attr}={suite.get(attr)} but {n} testcases")
        names = [c.get("name") for c in cases]
        dups = {n for n in names if names.count(n) > 1}
        if dups:
            problems.append(f"{path}: duplicate testcase names {sorted(dups)}")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    schema = etree.XMLSchema(etree.parse(argv[1]))
    problems = []
    for path in argv[2:]:
        problems += check(schema, path)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
