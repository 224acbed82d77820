#!/usr/bin/env bash
# The trace of a small book must match its golden file, line for line.
# After an intended layout change: bash tests/layout/update.sh build/autochitect
source "$(dirname "$0")/lib.sh"
book=$2
golden=$3
"$BIN" build "$book" -f trace -o "$WORK/out" -q || fail "build failed"
diff -u "$golden" "$WORK"/out/*.trace >"$WORK/diff" || { head -60 "$WORK/diff"; fail "layout differs from $golden"; }
pass "layout matches $(basename "$golden")"
