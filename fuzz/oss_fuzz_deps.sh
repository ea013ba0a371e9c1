#!/usr/bin/env bash
# Fetches the fuzz build's small dependencies into $SRC at pinned versions,
# for the OSS-Fuzz and ClusterFuzzLite images (fuzz/oss-fuzz/Dockerfile,
# .clusterfuzzlite/Dockerfile). Their base image is Ubuntu 20.04, whose
# nlohmann-json is too old and which has no llhttp package: nlohmann/json
# 3.11.3 (header only), llhttp 8.1.0 (the release branch carries the generated
# C sources), http-parser 2.9.4 and RE2 2022-06-01 (Debian 12's version; later
# ones need Abseil). RE2 is compiled from source by fuzz/oss_fuzz_build.sh,
# with the fuzzing flags and OSS-Fuzz's libc++, which Ubuntu's prebuilt libre2
# (libstdc++) would not link against. .clusterfuzzlite/build.sh points the
# build script at these directories.
# usage: SRC=/src fuzz/oss_fuzz_deps.sh
set -euo pipefail
: "${SRC:?SRC must be set}"
clone() {  # clone REF URL DIR
  [[ -d "$SRC/$3" ]] || git clone --depth 1 --branch "$1" "$2" "$SRC/$3"
}
clone v3.11.3 https://github.com/nlohmann/json.git nlohmann-json
clone release/v8.1.0 https://github.com/nodejs/llhttp.git llhttp
clone v2.9.4 https://github.com/nodejs/http-parser.git http-parser
clone 2022-06-01 https://github.com/google/re2.git re2
