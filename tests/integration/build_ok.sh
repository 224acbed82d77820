#!/usr/bin/env bash
# Builds a book's EPUB; with --strict, also requires no diagnostics at all.
source "$(dirname "$0")/lib.sh"
book=$2
strict=${3:-}
status=0
"$BIN" build "$book" -f epub -o "$WORK/out" 2>"$WORK/err" || status=$?
cat "$WORK/err" >&2
[ "$status" -eq 0 ] || fail "build exited $status"
n=$(find "$WORK/out" -name '*.epub' | wc -l)
[ "$n" -eq 1 ] || fail "expected one EPUB, found $n"
[ -z "$(find "$WORK/out" -name '.*')" ] || fail "temporary files left in the output folder"
if [ "$strict" = --strict ] && [ -s "$WORK/err" ]; then
  fail "the book must build without any warning"
fi
pass "built $(basename "$book")"
