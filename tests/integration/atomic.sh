#!/usr/bin/env bash
# A failed build leaves the previous output intact and no temporary files;
# an unwritable output folder is an I/O failure (exit 3).
source "$(dirname "$0")/lib.sh"
t=$2
cp -r "$t/fixtures/basic" "$WORK/book"
"$BIN" build "$WORK/book" -o "$WORK/out" -q
sum=$(cat "$WORK"/out/fixture-basic-book.{epub,pdf} | sha256sum | cut -d' ' -f1)
# Break the book: the build fails with exit 1 and the old EPUB stays.
printf -- '---\ntitle: Broken\ndate: 2026-13-01\n---\n' >"$WORK/book/articles/broken.md"
status=0; "$BIN" build "$WORK/book" -o "$WORK/out" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || fail "broken book exited $status"
[ "$(cat "$WORK"/out/fixture-basic-book.{epub,pdf} | sha256sum | cut -d' ' -f1)" = "$sum" ] || fail "old output changed"
[ "$(ls -A "$WORK/out" | tr '\n' ' ')" = "fixture-basic-book.epub fixture-basic-book.pdf " ] || fail "stray files: $(ls -A "$WORK/out")"
rm "$WORK/book/articles/broken.md"
if [ "$(id -u)" -ne 0 ]; then
  chmod a-w "$WORK/out"
  status=0; "$BIN" build "$WORK/book" -o "$WORK/out" 2>"$WORK/err" || status=$?
  chmod u+w "$WORK/out"
  [ "$status" -eq 3 ] || fail "unwritable folder exited $status"
fi
# An output path that is a file, not a folder: exit 3, the file untouched.
echo keep >"$WORK/file"
status=0; "$BIN" build "$WORK/book" -o "$WORK/file" 2>"$WORK/err" || status=$?
[ "$status" -eq 3 ] || fail "output onto a file exited $status"
grep -q "output folder" "$WORK/err" || fail "no word about the output folder"
[ "$(cat "$WORK/file")" = keep ] || fail "the file was changed"
pass "atomic output"
