#!/bin/bash -eu
# ClusterFuzzLite entry point: the dependencies fetched by the Dockerfile,
# then the project's OSS-Fuzz build script (fuzz/oss_fuzz_build.sh).
export NLOHMANN_INCLUDE="$SRC/nlohmann-json/single_include"
export LLHTTP_SRC="$SRC/llhttp/src"
export LLHTTP_INCLUDE="$SRC/llhttp/include"
export HTTP_PARSER_SRC="$SRC/http-parser"
export RE2_SRC="$SRC/re2"
"$SRC/httpconform/fuzz/oss_fuzz_build.sh"
