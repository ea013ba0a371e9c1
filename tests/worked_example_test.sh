#!/usr/bin/env bash
# The worked example of docs/case-format.md, run as written, so it cannot rot:
# its case file (validated against cases/schema/case.schema.json too), each
# of its commands with the exit code its comment states, and its JSON report
# excerpt, which must be a part of the real report (every member shown, with
# the value shown). The service is tests/fixtures/example_api.py on
# 127.0.0.1; the example's port 8000 becomes the fixture's.
# usage: worked_example_test.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; src="$2"
tmp="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
doc="$src/docs/case-format.md"

python3 "$src/tests/fixtures/example_api.py" "$tmp/port" &
pid=$!
for _ in $(seq 100); do [[ -s "$tmp/port" ]] && break; sleep 0.05; done
port="$(cat "$tmp/port")"

python3 - "$doc" "$tmp" "$bin" "$port" "$src" <<'PY'
import json, os, re, subprocess, sys

doc, tmp, binary, port, src = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
failures = []


def block(marker):
    """The fenced block right after <!-- worked-example: MARKER ... -->."""
    m = re.search(r"<!-- worked-example: " + marker + r"(?: (\S+))? -->\n```\w*\n(.*?)\n```",
                  text, re.S)
    if not m:
        sys.exit("FAIL: no worked-example block '%s' in %s" % (marker, doc))
    return m.group(1), m.group(2)


# 1. The case file, written where the commands expect it.
name, case_file = block("case-file")
with open(os.path.join(tmp, name), "w") as f:
    f.write(case_file + "\n")
schema = subprocess.run([sys.executable, os.path.join(src, "scripts/validate_json_schema.py"),
                         os.path.join(src, "cases/schema/case.schema.json"),
                         os.path.join(tmp, name)], capture_output=True, text=True)
if schema.returncode != 0:
    failures.append("the case file does not validate against the schema: " + schema.stdout)
else:
    print("ok: the case file validates against cases/schema/case.schema.json")

# 2. Each command, its continuation lines joined, with the exit code its comment states.
_, commands = block("commands")
joined, current = [], ""
for line in commands.split("\n"):
    current += line
    if current.rstrip().endswith("\\"):
        current = current.rstrip()[:-1] + " "
        continue
    joined.append(current)
    current = ""
for command in joined:
    want = re.search(r"# exit (\d+)", command)
    if not want:
        failures.append("no '# exit N' comment on: " + command)
        continue
    quoted = re.search(r'# exit \d+: "([^"]*)"', command)
    argv = command.split("#")[0].split()
    assert argv[0] == "httpconform", argv
    argv = [binary] + [a.replace("127.0.0.1:8000", "127.0.0.1:" + port) for a in argv[1:]]
    got = subprocess.run(argv, cwd=tmp, capture_output=True, text=True, timeout=120)
    if got.returncode != int(want.group(1)):
        failures.append("%s: exit %d, the example says %s\n%s%s" % (
            " ".join(argv[1:3]), got.returncode, want.group(1), got.stdout, got.stderr))
    elif quoted and quoted.group(1) not in got.stdout + got.stderr:
        failures.append("%s: output lacks %r:\n%s" % (" ".join(argv[1:3]), quoted.group(1),
                                                       got.stdout + got.stderr))
    else:
        print("ok: %s exits %s as the example says" % (" ".join(argv[1:3]), want.group(1)))


# 3. The report excerpt is a part of the real report.
def part_of(shown, real, where):
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return "%s: not an object in the report" % where
        for key, value in shown.items():
            if key not in real:
                return "%s: no member %r in the report" % (where, key)
            why = part_of(value, real[key], where + "/" + key)
            if why:
                return why
        return None
    if isinstance(shown, list):
        if not isinstance(real, list) or len(real) != len(shown):
            return "%s: the report has %r" % (where, real)
        for i, (a, b) in enumerate(zip(shown, real)):
            why = part_of(a, b, "%s/%d" % (where, i))
            if why:
                return why
        return None
    return None if shown == real else "%s: the example shows %r, the report has %r" % (
        where, shown, real)


report_name, excerpt = block("report-excerpt")
try:
    report = json.load(open(os.path.join(tmp, report_name)))
except OSError as e:
    report = {"results": []}
    failures.append("no report: %s" % e)
by_id = {r["id"]: r for r in report["results"]}
for shown in json.loads(excerpt):
    real = by_id.get(shown["id"])
    why = "no result" if real is None else part_of(shown, real, shown["id"])
    if why:
        failures.append("report excerpt: " + why)
    else:
        print("ok: the report excerpt of %s is what the run wrote" % shown["id"])

for f in failures:
    print("FAIL: " + f)
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
PY
