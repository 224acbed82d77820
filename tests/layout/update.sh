#!/usr/bin/env bash
# Regenerates the layout goldens after an intended change: review the diff!
set -euo pipefail
bin=$(realpath "${1:-build/autochitect}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for book in basic markdown breaking; do
  "$bin" build "$here/../fixtures/$book" -f trace -o "$tmp/$book" -q
  cp "$tmp/$book"/*.trace "$here/$book.trace"
done
git -C "$here" diff --stat -- . || true
