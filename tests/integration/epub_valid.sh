#!/usr/bin/env bash
# Builds a book and requires EPUBCheck 0 errors / 0 warnings and Ace with no
# critical, serious or moderate violation, finding the page breaks and the
# page navigation (the page-list of the print edition).
source "$(dirname "$0")/lib.sh"
book=$2
here=$(cd "$(dirname "$0")/.." && pwd)
"$BIN" build "$book" -f epub -o "$WORK/out" -q || fail "build failed"
epub=$(find "$WORK/out" -name '*.epub')
java -jar /usr/share/java/epubcheck.jar "$epub" >"$WORK/check" 2>&1 || true
cat "$WORK/check"
grep -q "Messages: 0 fatals / 0 errors / 0 warnings" "$WORK/check" || fail "EPUBCheck reported problems"
ACE_REPORT_DIR="$WORK/ace" bash "$here/ace/check-ace.sh" "$epub" || fail "Ace reported violations"
python3 - "$WORK/ace/report.json" <<'PY' || fail "Ace does not list the page navigation"
import json, sys
r = json.load(open(sys.argv[1]))
features = r["earl:testSubject"]["metadata"].get("schema:accessibilityFeature", [])
sys.exit(0 if r["properties"].get("hasPageBreaks") and "pageNavigation" in features
         and "pageBreakMarkers" in features else 1)
PY
pass "$(basename "$book") is valid"
