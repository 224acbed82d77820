#!/usr/bin/env bash
# `autochitect new`: the scaffold builds clean (no diagnostic at all; with
# --epubcheck also EPUBCheck 0/0), and new refuses, changing nothing, a
# folder that is not empty, a file, a path whose parent is missing.
source "$(dirname "$0")/lib.sh"
epubcheck=${2:-}
# Books are made in $T; logs and outputs stay in $WORK, outside it.
T=$WORK/t
mkdir "$T"
snap() { (cd "$T" && find . -printf '%p %y %s %T@\n' | LC_ALL=C sort); }

# A new folder: the book, nothing beside it.
(cd "$T" && "$BIN" new fresh 2>"$WORK/new.err") || fail "new exited $?"
grep -q "autochitect build fresh" "$WORK/new.err" || fail "new says nothing about how to build"
[ -f "$T/fresh/book.yml" ] && [ -n "$(ls "$T/fresh/articles/"*.md)" ] || fail "no book written"
[ -z "$(find "$WORK" -name '.autochitect-new-*')" ] || fail "staging folder left behind"
for key in title subtitle author language publisher rights identifier slug version order topics theme; do
  grep -qE "^#? ?$key:" "$T/fresh/book.yml" || fail "book.yml lacks the key $key"
done
status=0
"$BIN" build "$T/fresh" -o "$WORK/out" 2>"$WORK/build.err" || status=$?
cat "$WORK/build.err" >&2
[ "$status" -eq 0 ] || fail "the new book's build exited $status"
[ ! -s "$WORK/build.err" ] || fail "the new book's build printed diagnostics"
ls "$WORK/out"/*.epub "$WORK/out"/*.pdf >/dev/null || fail "no EPUB or PDF"
"$BIN" check "$T/fresh" 2>"$WORK/check.err" || fail "check of the new book failed"
[ ! -s "$WORK/check.err" ] || fail "check of the new book printed diagnostics"
if [ "$epubcheck" = --epubcheck ]; then
  java -jar /usr/share/java/epubcheck.jar "$WORK"/out/*.epub >"$WORK/epubcheck" 2>&1 || true
  grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$WORK/epubcheck" ||
    { cat "$WORK/epubcheck"; fail "EPUBCheck reported problems"; }
fi

# An empty folder is filled; -q is silent.
mkdir "$T/empty"
"$BIN" new "$T/empty" -q 2>"$WORK/q.err" || fail "new into an empty folder exited $?"
[ ! -s "$WORK/q.err" ] || fail "new -q printed something"
[ -f "$T/empty/book.yml" ] || fail "the empty folder was not filled"

# Refusals: exit 2, a message, nothing changed.
printf 'not a folder\n' >"$T/file"
refuse() { # refuse DIR WHAT
  local before status=0
  before=$(snap)
  "$BIN" new "$1" 2>"$WORK/refuse.err" || status=$?
  [ "$status" -eq 2 ] || fail "new $2 exited $status, expected 2"
  grep -q '^autochitect: ' "$WORK/refuse.err" || fail "new $2: no message"
  [ "$(snap)" = "$before" ] || fail "new $2 changed files"
}
refuse "$T/fresh" "into a book"
refuse "$T/file" "onto a file"
refuse "$T/file/book" "below a file"
refuse "$T/no/such/parent" "below a missing folder"
status=0
"$BIN" new "$T/x" -o "$T/y" 2>/dev/null || status=$?
[ "$status" -eq 2 ] && [ ! -e "$T/x" ] || fail "new with -o: exit $status, expected 2"
pass "new"
