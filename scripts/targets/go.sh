#!/usr/bin/env bash
# Starts Go's net/http file server (tests/fixtures/servers/go_file_server.go:
# http.FileServer(http.Dir(DOCROOT))) on 127.0.0.1. The program is built at
# the first start with Debian's golang-go, offline (GOPROXY=off, no module
# needed), and cached in $HTTPCONFORM_CACHE (default ~/.cache/httpconform)
# until its source changes.
# usage: go.sh start STATE_DIR DOCROOT | stop STATE_DIR | version | about
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cache="${HTTPCONFORM_CACHE:-${HOME:-/tmp}/.cache/httpconform}/go"
src="$apps_dir/go_file_server.go"
go_env() { env GOPROXY=off GOFLAGS= GO111MODULE=off GOPATH="$cache/gopath" GOCACHE="$cache/build" "$@"; }
target_start() {
  ensure_pkg go golang-go
  mkdir -p "$cache"
  local bin="$cache/go_file_server"
  if [[ ! -x "$bin" || "$src" -nt "$bin" ]]; then
    go_env go build -o "$bin.tmp" "$src" >&2 && mv "$bin.tmp" "$bin"
  fi
  start_bg "$state" go 20 "$port" "$bin" "127.0.0.1:$port" "$docroot"
}
target_version() { echo "go-net/http $(go env GOVERSION 2>/dev/null | sed 's/^go//')"; }
target_about() { echo "program of ours: http.FileServer(http.Dir(docroot)) (tests/fixtures/servers/go_file_server.go)"; }
target_main go "$@"
