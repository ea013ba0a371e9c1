#!/usr/bin/env bash
# The matrix browser test: 25 servers x 300 cases made from the hostile
# sample report (make_matrix_reports.py), one `httpconform matrix` page, then
# that page in Chromium (matrix_test.js).
# usage: matrix_run_test.sh HTTPCONFORM NODE_MODULES_PARENT SAMPLE.json WORK_DIR
set -euo pipefail
bin="$1"
modules="$2/node_modules"
sample="$3"
work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
servers=25
cases=300
rm -rf "$work"
mkdir -p "$work/out"
python3 "$here/make_matrix_reports.py" "$sample" "$work/in" "$servers" "$cases"
"$bin" matrix "$work"/in/*.json --out "$work/out" --expected "$work/in/expected"
timeout 240 node "$here/matrix_test.js" "$modules" "$work/out/matrix.html" "$servers" "$cases" \
  "$work/shots"
