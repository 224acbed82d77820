#!/usr/bin/env bash
# Two builds under a different time zone, locale, umask, working folder and
# article creation order give identical bytes.
source "$(dirname "$0")/lib.sh"
src=$2
mkdir -p "$WORK/b1" "$WORK/b2/deep/er"
cp -r "$src" "$WORK/b1/book"
mkdir -p "$WORK/b2/deep/er/book/articles"
cp "$src/book.yml" "$WORK/b2/deep/er/book/"
[ -d "$src/images" ] && cp -r "$src/images" "$WORK/b2/deep/er/book/"
for f in $(ls -r "$src/articles"); do cp "$src/articles/$f" "$WORK/b2/deep/er/book/articles/"; sleep 0.01; done
(cd "$WORK/b1" && TZ=UTC LC_ALL=C "$BIN" build book -f epub -o out -q)
(cd "$WORK/b2/deep/er" && umask 077 && TZ=Asia/Tokyo LC_ALL=C.UTF-8 "$BIN" build book -f epub -o ../../out -q)
a=$(find "$WORK/b1/out" -name '*.epub'); b=$(find "$WORK/b2/out" -name '*.epub')
cmp "$a" "$b" || fail "the two EPUBs differ"
SOURCE_DATE_EPOCH=1700000000 "$BIN" build "$WORK/b1/book" -f epub -o "$WORK/e1" -q
SOURCE_DATE_EPOCH=1700000000 "$BIN" build "$WORK/b1/book" -f epub -o "$WORK/e2" -q
cmp "$WORK"/e1/*.epub "$WORK"/e2/*.epub || fail "SOURCE_DATE_EPOCH builds differ"
cmp -s "$a" "$WORK"/e1/*.epub && fail "SOURCE_DATE_EPOCH had no effect"
listing=$(unzip -l "$WORK"/e1/*.epub)
grep -q "2023-11-14" <<<"$listing" || fail "zip times do not follow SOURCE_DATE_EPOCH"
pass "reproducible"
