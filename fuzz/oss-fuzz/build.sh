#!/bin/bash -eu
# OSS-Fuzz build (projects/httpconform/build.sh in google/oss-fuzz): the same
# build as ClusterFuzzLite's, which points fuzz/oss_fuzz_build.sh at the
# dependencies the Dockerfile fetched.
exec "$SRC/httpconform/.clusterfuzzlite/build.sh"
