#!/usr/bin/env bash
# valgrind memcheck on a build: no invalid access, no definite leak of our own
# (library caches held until exit are suppressed in tests/valgrind.supp).
source "$(dirname "$0")/lib.sh"
book=$2
supp="$(cd "$(dirname "$0")/.." && pwd)/valgrind.supp"
valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --suppressions="$supp" \
  "$BIN" build "$book" -o "$WORK/out" -q 2>"$WORK/vg" || { tail -40 "$WORK/vg"; fail "valgrind found errors"; }
[ -s "$WORK/vg" ] && { cat "$WORK/vg"; fail "valgrind printed something"; }
pass "valgrind clean on $(basename "$book")"
