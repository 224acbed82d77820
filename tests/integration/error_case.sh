#!/usr/bin/env bash
# Runs a broken book (CASE/book) and checks CASE/expect: the first line is
# "exit N", every other line a diagnostic that must be printed (a prefix of
# an output line). No output file may be left behind.
source "$(dirname "$0")/lib.sh"
case_dir=$2
cd "$case_dir"
want=$(head -1 expect | sed -n 's/^exit //p')
status=0
"$BIN" build book -f epub -o "$WORK/out" 2>"$WORK/err" || status=$?
cat "$WORK/err"
[ "$status" -eq "$want" ] || fail "exit status $status, expected $want"
tail -n +2 expect | while IFS= read -r line; do
  [ -z "$line" ] && continue
  grep -qF -- "$line" "$WORK/err" || fail "missing diagnostic: $line"
done
if [ -d "$WORK/out" ] && [ -n "$(ls -A "$WORK/out")" ]; then
  fail "output left behind: $(ls -A "$WORK/out")"
fi
# Every diagnostic has the PATH:LINE: form, but for a file's summed-up
# warnings of one kind; the last line sums up.
sed '$d' "$WORK/err" >"$WORK/lines"
grep -vE '^[^:]+:[0-9]+: (error|warning): |^[^:]+: warning: and [0-9]+ more like ".*" \(-v shows all\)$' \
  "$WORK/lines" >"$WORK/bad" || true
[ -s "$WORK/bad" ] && fail "a diagnostic without PATH:LINE: $(head -1 "$WORK/bad")"
tail -1 "$WORK/err" | grep -qE '^[0-9]+ errors?, [0-9]+ warnings? in [0-9]+ files?$' ||
  fail "no summary line at the end"
pass "$(basename "$case_dir")"
