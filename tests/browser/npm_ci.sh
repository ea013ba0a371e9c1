#!/usr/bin/env bash
# Installs the browser test's npm packages from the committed lock file into
# a build directory: npm ci (exact versions, from the cache when it has them).
# playwright-core never downloads a browser; the test uses Debian's chromium.
# usage: npm_ci.sh SOURCE_DIR DEST_DIR
set -euo pipefail
src="$1"
dest="$2"
mkdir -p "$dest"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
# Skip the work when the lock has not changed since the last install.
if [[ -f node_modules/.lock-copy ]] && cmp -s package-lock.json node_modules/.lock-copy; then
  echo "node_modules up to date"
  exit 0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error
cp package-lock.json node_modules/.lock-copy
