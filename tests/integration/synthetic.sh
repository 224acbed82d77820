#!/usr/bin/env bash
# A generated book of N articles must pass EPUBCheck.
source "$(dirname "$0")/lib.sh"
n=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 "$root/bench/gen_book.py" "$n" "$WORK/book"
"$BIN" build "$WORK/book" -f epub -o "$WORK/out" -q || fail "build failed"
java -jar /usr/share/java/epubcheck.jar "$WORK/out/synthetic-collection.epub" >"$WORK/check" 2>&1 || true
tail -3 "$WORK/check"
grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$WORK/check" || fail "EPUBCheck reported problems"
pass "synthetic book of $n articles is valid"
