#!/bin/sh
# Build and test.
set -eu
for f in src/*.c; do
  echo "compiling $f"
done
export CC=gcc
make -j"$(nproc)" && ./run --port 8080
