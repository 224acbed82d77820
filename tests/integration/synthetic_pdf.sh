#!/usr/bin/env bash
# A generated book of N articles: the PDF checks, the apparatus checks and the
# text checks of the real book, and the pages per second it was made at.
source "$(dirname "$0")/lib.sh"
n=$2
here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)
python3 "$root/bench/gen_book.py" "$n" "$WORK/book"
start=$(date +%s.%N)
"$BIN" build "$WORK/book" -f pdf -o "$WORK/out" -q || fail "build failed"
end=$(date +%s.%N)
pages=$(pdfinfo "$WORK/out"/*.pdf | awk '/^Pages:/ { print $2 }')
bash "$here/pdf_valid.sh" "$BIN" "$WORK/book" || fail "PDF checks"
python3 "$here/pdf_apparatus.py" "$BIN" "$WORK/book" || fail "apparatus checks"
python3 "$here/pdf_text.py" "$BIN" "$WORK/book" || fail "text checks"
echo "$n articles: $pages pages in $(echo "$end - $start" | bc) s (information only, not a test)"
pass "synthetic book of $n articles"
