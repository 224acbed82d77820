#!/usr/bin/env bash
# Builds a book's PDF (and its trace) and checks it as a reader and a printer
# would: qpdf clean, every font embedded and subset, every article title in the
# text, no text outside the text block's width, chapters on right-hand pages,
# and a second build byte-identical.
source "$(dirname "$0")/lib.sh"
book=$2
shift 2
extra=("$@")   # e.g. --page-size letter
"$BIN" build "$book" -f pdf,trace -o "$WORK/out" -q "${extra[@]}" || fail "build failed"
pdf=$(find "$WORK/out" -name '*.pdf')
trace=$(find "$WORK/out" -name '*.trace')
[ -s "$pdf" ] || fail "no PDF"
qpdf --check "$pdf" >"$WORK/qpdf" 2>&1 || { cat "$WORK/qpdf"; fail "qpdf --check failed"; }
grep -q "No syntax or stream encoding errors" "$WORK/qpdf" || { cat "$WORK/qpdf"; fail "qpdf found errors"; }
pdffonts "$pdf" | awk 'NR > 2 { if ($(NF-4) != "yes" || $(NF-3) != "yes") { print; bad = 1 } } END { exit bad }' \
  || fail "a font is not embedded as a subset"
pdftotext -layout "$pdf" "$WORK/text"
# Titles may be broken over lines or hyphenated: compare without white space.
tr -d ' \n\f-' <"$WORK/text" >"$WORK/flat"
"$BIN" list "$book" | cut -f5 | while IFS= read -r title; do
  t=$(printf '%s' "$title" | tr -d ' -')
  grep -qF -- "$t" "$WORK/flat" || fail "title not found in the PDF text: $title"
done
# Geometry from the trace.
awk '
  /^page / { page = $2; split($0, a, " "); x0 = a[6]; x1 = a[8]; next }
  /^text / { if ($2 < x0 - 0.5 || $2 + $4 > x1 + 0.5) { print "page " page ": text outside the block: " $0; bad = 1 } }
  /^dest [0-9.]+ [0-9.]+ ch-/ { if (page % 2 == 0) { print "chapter on an even page: " page " " $4; bad = 1 } }
  END { exit bad }' "$trace" || fail "layout geometry"
python3 "$(dirname "$0")/pdf_layout_rules.py" "$trace" || fail "page breaking rules"
pages=$(grep -c '^page ' "$trace")
[ "$pages" -eq "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')" ] || fail "trace and PDF disagree on pages"
"$BIN" build "$book" -f pdf -o "$WORK/again" -q "${extra[@]}"
cmp "$pdf" "$WORK/again/$(basename "$pdf")" || fail "two builds differ"
pass "$(basename "$book") ${extra[*]}: $pages pages"
