#!/usr/bin/env bash
# Writes the real books (fetched elsewhere as bare git mirrors) as autochitect
# book folders under realbooks/ (ignored by git: nothing of them is committed).
#
# usage: tests/realbooks/prepare.sh [MIRROR_ROOT [OUT_DIR]]
#   MIRROR_ROOT  default /work/.mirror (owner+name/repo, as the search tool's
#                fetch leaves them)
#   OUT_DIR      default realbooks/ at the top of the repository
#
# What is changed in the books and what is not: see prepare.py's docstrings
# and README.md in this folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
mirrors="${1:-/work/.mirror}"
out="${2:-$top/realbooks}"
exec python3 "$here/prepare.py" "$mirrors" "$out"
