#!/usr/bin/env bash
# hyphen_language.sh BIN TESTS_DIR - the book's language picks the patterns:
# the German fixture is hyphenated (with no warning), and a book whose
# language has no patterns is set without a single hyphen break, where the
# same book in English has several (the trace draws each break's "-" alone).
source "$(dirname "$0")/lib.sh"
tests=$2
breaks() { grep -c '^text .* "-"$' "$1"/*.trace || true; }

"$BIN" build "$tests/fixtures/german" -f pdf,trace -o "$WORK/de" 2>"$WORK/de.err" ||
  fail "the German fixture did not build"
[ -s "$WORK/de.err" ] && { cat "$WORK/de.err" >&2; fail "the German fixture built with diagnostics"; }
[ "$(breaks "$WORK/de")" -gt 0 ] || fail "the German fixture has no hyphen break"

cp -r "$tests/adversarial/language-without-patterns/book" "$WORK/xx"
"$BIN" build "$WORK/xx" -f pdf,trace -o "$WORK/xx-out" 2>"$WORK/xx.err" || fail "the 'xx' book did not build"
n=$(grep -c "no hyphenation patterns for 'xx'" "$WORK/xx.err" || true)
[ "$n" -eq 1 ] || fail "expected one warning about the missing patterns, got $n"
[ "$(breaks "$WORK/xx-out")" -eq 0 ] || fail "the 'xx' book is hyphenated"

sed -i 's/^language: xx$/language: en/' "$WORK/xx/book.yml"
"$BIN" build "$WORK/xx" -f pdf,trace -o "$WORK/en-out" -q || fail "the same book in English did not build"
[ "$(breaks "$WORK/en-out")" -gt 0 ] || fail "the same book in English has no hyphen break: the test proves nothing"
pass "hyphenation follows the book's language"
