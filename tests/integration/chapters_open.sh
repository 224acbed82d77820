#!/usr/bin/env bash
# chapters-open in book.yml: "any" opens each chapter on the next page, left or
# right, so a book of short articles loses its blank left-hand pages; "right"
# (the default) keeps every chapter on a right-hand page; anything else is an
# error at its line.
source "$(dirname "$0")/lib.sh"
book=$2
cp -r "$book" "$WORK/any"
echo "chapters-open: any" >>"$WORK/any/book.yml"
"$BIN" build "$book" -f pdf,trace -o "$WORK/right" -q 2>/dev/null || fail "default build failed"
"$BIN" build "$WORK/any" -f pdf,trace -o "$WORK/anyout" -q 2>/dev/null || fail "chapters-open: any failed"
pages() { grep -c '^page ' "$1"/*.trace; }
# The page each chapter opens on (its "ch-" destination).
opens() { awk '/^page / { page = $2 } /^dest [0-9.]+ [0-9.]+ ch-/ { print page }' "$1"/*.trace; }
right=$(pages "$WORK/right")
any=$(pages "$WORK/anyout")
[ "$any" -lt "$right" ] || fail "chapters-open: any made $any pages, the default $right"
opens "$WORK/right" | awk '$1 % 2 == 0 { bad = 1 } END { exit bad }' ||
	fail "by default a chapter opens on a left-hand page"
opens "$WORK/anyout" | awk '$1 % 2 == 0 { even = 1 } END { exit !even }' ||
	fail "chapters-open: any opened no chapter on a left-hand page"
[ "$(opens "$WORK/right" | wc -l)" -eq "$(opens "$WORK/anyout" | wc -l)" ] ||
	fail "not every chapter opens in both builds"
cp -r "$book" "$WORK/bad"
echo "chapters-open: left" >>"$WORK/bad/book.yml"
if "$BIN" check "$WORK/bad" 2>"$WORK/err"; then fail "chapters-open: left was accepted"; fi
grep -q "book.yml:[0-9]*: error: 'chapters-open' must be 'right' or 'any'" "$WORK/err" ||
	{ cat "$WORK/err"; fail "no error at the key's line"; }
pass "chapters-open: $right pages opening right, $any opening on the next page"
