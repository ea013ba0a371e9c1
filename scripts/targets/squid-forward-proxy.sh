#!/usr/bin/env bash
# Squid as a forward proxy: squid-proxy.sh with SQUID_MODE=forward (requests
# in absolute form, `httpconform proxy --forward`, which `run-args` adds;
# Squid reaches the origin directly, on loopback only).
# usage: squid-forward-proxy.sh start STATE_DIR ORIGIN_HOST:PORT | stop STATE_DIR | version
SQUID_MODE=forward exec "$(dirname "${BASH_SOURCE[0]}")/squid-proxy.sh" "$@"
