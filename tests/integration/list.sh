#!/usr/bin/env bash
# `list` prints exactly the SPEC's tab-separated lines, in book order.
source "$(dirname "$0")/lib.sh"
t=$2
"$BIN" list "$t/fixtures/basic" >"$WORK/a"
diff -u "$t/golden/basic-list.txt" "$WORK/a" || fail "basic list differs"
"$BIN" list "$t/fixtures/topics" >"$WORK/b"
diff -u "$t/golden/topics-list.txt" "$WORK/b" || fail "topic list differs"
"$BIN" list "$t/fixtures/topics" --order date --reverse --drafts >"$WORK/c"
diff -u "$t/golden/topics-list-date-reverse-drafts.txt" "$WORK/c" || fail "reverse list differs"
awk -F'\t' 'NF != 5 { exit 1 }' "$WORK/a" "$WORK/b" "$WORK/c" || fail "a line without 5 fields"
pass "list output"
