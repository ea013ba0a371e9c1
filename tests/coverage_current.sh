#!/usr/bin/env bash
# docs/coverage.md must equal what `httpconform coverage` prints now.
# usage: coverage_current.sh HTTPCONFORM_BINARY SOURCE_DIR
set -uo pipefail
bin="$1"; src="$2"
if ! diff -u "$src/docs/coverage.md" <("$bin" coverage); then
  echo "docs/coverage.md is stale: run '$bin coverage > docs/coverage.md'"
  exit 1
fi
echo "docs/coverage.md is current"
