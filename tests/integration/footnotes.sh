#!/usr/bin/env bash
# footnotes.sh BIN BOOK [BUILD OPTIONS…] - every note of the book starts on the page of its
# reference (read from the trace by pdf_layout_rules.py, which also checks
# how notes are split and marked). In the footnotes fixture, also from
# pdftotext page by page: its word refNAME stands right before the reference
# to note NAME, whose text starts with noteNAME; and its note longer than a
# page (words hug001 … hgp120) goes on at the foot of the next pages under its
# number and "(continued)".
source "$(dirname "$0")/lib.sh"
book=$2
shift 2
extra=("$@")   # e.g. --page-size 6x9
"$BIN" build "$book" -f pdf,trace -o "$WORK/out" -q "${extra[@]}" || fail "build failed"
pdf=$(find "$WORK/out" -name '*.pdf')
trace=$(find "$WORK/out" -name '*.trace')
python3 "$(dirname "$0")/pdf_layout_rules.py" "$trace" >"$WORK/rules" || { cat "$WORK/rules"; fail "page breaking rules"; }
cat "$WORK/rules"
# Note definitions: one per name and article.
count=$(grep -c '^\[^[^]]*\]:' "$book"/articles/*.md | awk -F: '{ n += $NF } END { print n }')
grep -q "^footnotes: $count (on their reference's page: $count)" "$WORK/rules" \
  || fail "expected $count notes, each on its reference's page"
if ! grep -qi 'hug001' "$book"/articles/*.md; then
  pass "$count notes on their references' pages"
  exit 0
fi
grep -q "continued: [1-9]" "$WORK/rules" || fail "no continued note"
names=$(grep -oh '^\[^[a-z]*\]' "$book"/articles/*.md | tr -d '[]^' | sort -u)
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
for p in $(seq 1 "$pages"); do
  # Words hyphenated over a line are joined again.
  pdftotext -raw -f "$p" -l "$p" "$pdf" - | sed -e ':a' -e '/-$/N; s/-\n//; ta' >"$WORK/page-$p"
done
page_of() { { grep -l -i -E -- "(^|[^a-z])$1([^a-z]|$)" "$WORK"/page-* || true; } | sed 's/.*page-//' | sort -n | head -1; }
for n in $names; do
  r=$(page_of "ref$n")
  t=$(page_of "note$n")
  [ -n "$r" ] && [ -n "$t" ] || fail "note $n: reference (page '$r') or note (page '$t') not found"
  [ "$r" = "$t" ] || fail "note $n: referred to on page $r, starts on page $t"
done
# The note longer than a page: its last word is pages after its first, and
# every page between shows it continued.
first=$(page_of hug001)
last=$(page_of hgp120)
[ -n "$first" ] && [ -n "$last" ] && [ "$last" -gt "$first" ] || fail "the long note is not continued ($first, $last)"
for p in $(seq $((first + 1)) "$last"); do
  grep -q '(continued)' "$WORK/page-$p" || fail "page $p: the continued note is not marked"
done
pass "${extra[*]} $count notes on their references' pages; the long one from page $first to $last, marked"
