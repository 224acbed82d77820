#!/usr/bin/env bash
# Builds a book and requires EPUBCheck 0 errors / 0 warnings and Ace with no
# critical, serious or moderate violation.
source "$(dirname "$0")/lib.sh"
book=$2
here=$(cd "$(dirname "$0")/.." && pwd)
"$BIN" build "$book" -f epub -o "$WORK/out" -q || fail "build failed"
epub=$(find "$WORK/out" -name '*.epub')
java -jar /usr/share/java/epubcheck.jar "$epub" >"$WORK/check" 2>&1 || true
cat "$WORK/check"
grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$WORK/check" || fail "EPUBCheck reported problems"
bash "$here/ace/check-ace.sh" "$epub" || fail "Ace reported violations"
pass "$(basename "$book") is valid"
