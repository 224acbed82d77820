#!/usr/bin/env bash
# Exit statuses and messages of the command line.
source "$(dirname "$0")/lib.sh"
book=$2
expect() { # expect STATUS -- command...
  local want=$1; shift
  local got=0
  "$@" >"$WORK/o" 2>"$WORK/e" || got=$?
  [ "$got" -eq "$want" ] || { cat "$WORK/e"; fail "'$*' exited $got, expected $want"; }
}
expect 0 "$BIN" --help
grep -q "autochitect build" "$WORK/o" || fail "--help shows no usage"
grep -q "autochitect new" "$WORK/o" || fail "--help does not show new"
expect 0 "$BIN" --version
grep -qE '^autochitect [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/o" || fail "--version output"
expect 2 "$BIN"
expect 2 "$BIN" frobnicate
expect 2 "$BIN" build "$book" --bogus
expect 2 "$BIN" build "$book" -f docx
expect 2 "$BIN" build "$book" --order size
expect 2 "$BIN" build "$book" --page-size a5
expect 2 "$BIN" list "$book" extra-arg
expect 2 env SOURCE_DATE_EPOCH=yesterday "$BIN" build "$book" -o "$WORK/x"
grep -q SOURCE_DATE_EPOCH "$WORK/e" || fail "no word on SOURCE_DATE_EPOCH"
expect 1 "$BIN" check "$WORK/no-such-book"
grep -qE "^$WORK/no-such-book:0: error|^$WORK/no-such-book: error" "$WORK/e" || true
expect 0 "$BIN" check "$book"
[ ! -e "$WORK/x" ] || fail "a usage error wrote output"
# check writes nothing.
(cd "$WORK" && "$BIN" check "$book") && [ ! -e "$WORK/out" ] || fail "check wrote output"
# -q: silent on success.
expect 0 "$BIN" build "$book" -o "$WORK/q" -q
[ ! -s "$WORK/e" ] || fail "-q printed something"
# Default output folder is ./out, file named after the book's slug.
(cd "$WORK" && "$BIN" build "$book" -q) || fail "default build"
[ -f "$WORK/out/fixture-basic-book.epub" ] || fail "no out/NAME.epub"
pass "command line"
