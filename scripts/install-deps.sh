#!/usr/bin/env bash
# Installs the Debian packages httpconform needs, only those missing, without
# prompts. Idempotent: a second run installs nothing and does not touch apt.
# usage: scripts/install-deps.sh [build|test|all]   (default: test)
set -euo pipefail

profile="${1:-test}"
# libre2-dev: every regular expression (RE2: linear time, no recursion).
# libnghttp2-dev: the HTTP/2 session (harness/transport/h2_session.cc).
# zlib1g-dev: the reference server's gzip content coding (harness/server/content_coding.cc).
build_pkgs=(cmake ninja-build g++ pkg-config libcurl4-openssl-dev libssl-dev nlohmann-json3-dev
            libcli11-dev libre2-dev libnghttp2-dev zlib1g-dev)
# node-llhttp and libhttp-parser-dev: the oracles of the differential fuzz
# target, whose seeds replay as tests (fuzz/).
test_pkgs=(libgtest-dev libgmock-dev python3 python3-jsonschema python3-lxml nginx-light node-llhttp
           libhttp-parser-dev)
# python3-yaml: the check of the ClusterFuzzLite workflows (fuzz/cflite_workflows_test.py).
test_pkgs+=(python3-yaml)
# nghttpd: a local HTTP/2 server for the HTTP/2 session's tests (skipped without it).
test_pkgs+=(nghttp2-server)
# Google Benchmark: the dev build compiles bench/ and checks there that the
# parsers it compares agree (a test, not a timing).
test_pkgs+=(libbenchmark-dev)
# The hostile-server tests send gzip, deflate and br content (tests/hostile).
test_pkgs+=(libbrotli-dev)
# Real servers the CI checks against their expected verdicts (tests/expected/,
# the realservers_NAME tests); scripts/targets/*.sh install the others when run.
test_pkgs+=(apache2 lighttpd busybox python3-aiohttp gunicorn python3-whitenoise uvicorn
            python3-starlette)
# The intermediaries the CI checks besides nginx (tests/expected/proxy-NAME.json,
# the proxy_NAME tests); scripts/targets/*-proxy.sh install the others when run.
test_pkgs+=(haproxy)
# The fuzz smoke stage: clang 14 with libFuzzer and the sanitizer runtimes.
test_pkgs+=(clang libclang-rt-14-dev)
# dpkg-dev: dpkg-shlibdeps computes the .deb's dependencies (cpack -G DEB, tests/install_test.sh).
test_pkgs+=(dpkg-dev)
extra_pkgs=(wrk time)

case "$profile" in
  build) wanted=("${build_pkgs[@]}") ;;
  test) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  all) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}" "${extra_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# The browser test (tests/browser) needs Chromium, node and npm. They are
# checked by command, not by package: node often comes from outside dpkg
# (nodesource, nvm), and Debian's npm would conflict with such a node.
if [[ "$profile" != build ]]; then
  command -v chromium >/dev/null || missing+=(chromium)
  if ! command -v node >/dev/null && ! command -v nodejs >/dev/null; then
    missing+=(nodejs npm)
  elif ! command -v npm >/dev/null; then
    echo "warning: node is installed but npm is not; the browser test will not run" >&2
  fi
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts nginx as a service on install; the tests run their own on loopback.
if [[ " ${missing[*]} " == *" nginx-light "* ]] && command -v systemctl >/dev/null; then
  "${sudo[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true
fi
for service in apache2 lighttpd haproxy; do
  if [[ " ${missing[*]} " == *" $service "* ]] && command -v systemctl >/dev/null; then
    "${sudo[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
  fi
done
