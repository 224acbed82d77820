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
# Every diagnostic has the PATH:LINE: form.
grep -vqE '^[^:]+:[0-9]+: (error|warning): ' "$WORK/err" && fail "a diagnostic without PATH:LINE"
pass "$(basename "$case_dir")"
