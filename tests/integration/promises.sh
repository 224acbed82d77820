#!/usr/bin/env bash
# The promises of SPEC §3 tested from outside: under strace, a build opens
# nothing outside the book, the theme, the fonts, the highlight queries, system files and the output
# folder, connects nowhere; a build killed at random points leaves the output
# folder with the old file or the new one, never a partial one.
source "$(dirname "$0")/lib.sh"
src=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cp -r "$src" "$WORK/book"
out="$WORK/out"
# LeakSanitizer cannot run under ptrace: leaks are checked by the other tests.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  strace -f -qq -e trace=openat,open,connect,socket -o "$WORK/strace" \
  "$BIN" build "$WORK/book" -o "$out" -q || fail "build under strace failed"
if grep -E '\b(connect|socket)\(' "$WORK/strace" | grep -v 'AF_UNIX' | grep -q .; then
  grep -E '\b(connect|socket)\(' "$WORK/strace" | head -5
  fail "the build used the network"
fi
# Every file opened for reading must be in an allowed place.
grep -oE 'open(at)?\([^"]*"[^"]+"' "$WORK/strace" | sed -E 's/.*"([^"]+)"/\1/' | sort -u >"$WORK/opened"
bad=$(grep -vE "^($WORK/book|$out|$root/styles|$root/fonts|$root/grammars/queries|/usr/|/lib|/etc/ld\.so|/proc/|/dev/|/sys/|/etc/fonts|/tmp/$|/var/cache/fontconfig|/root/\.cache/fontconfig|$HOME/\.cache/fontconfig|/etc/localtime|/usr/share/zoneinfo|/etc/gcrypt|/etc/ssl|/var/lib/ucf)" "$WORK/opened" || true)
if [ -n "$bad" ]; then
  echo "$bad" | head -10
  fail "the build opened files outside the book, theme, fonts, highlight queries and output"
fi
# Writes only inside the output folder (O_TMPFILE opens the folder itself).
grep -E 'open(at)?\(.*O_(WRONLY|RDWR|CREAT)' "$WORK/strace" | grep -vE "\"$out(/|\")" | grep -vE '"/dev/(null|tty)' \
  && fail "the build wrote outside the output folder"
# Killed at random points: the EPUB and PDF are each old or new, never partial.
"$BIN" build "$WORK/book" -o "$WORK/kill" -q
old_epub=$(sha256sum <"$WORK/kill/"*.epub); old_pdf=$(sha256sum <"$WORK/kill/"*.pdf)
printf -- '---\ntitle: "Added Later"\ndate: 2026-12-01\n---\nNew text.\n' >"$WORK/book/articles/zz-added.md"
"$BIN" build "$WORK/book" -o "$WORK/new" -q
new_epub=$(sha256sum <"$WORK/new/"*.epub); new_pdf=$(sha256sum <"$WORK/new/"*.pdf)
for delay in 0.01 0.03 0.05 0.08 0.12 0.17 0.25 0.35; do
  "$BIN" build "$WORK/book" -o "$WORK/kill" -q & pid=$!
  sleep "$delay"; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  e=$(sha256sum <"$WORK/kill/"*.epub); p=$(sha256sum <"$WORK/kill/"*.pdf)
  [ "$e" = "$old_epub" ] || [ "$e" = "$new_epub" ] || fail "partial EPUB after kill at ${delay}s"
  [ "$p" = "$old_pdf" ] || [ "$p" = "$new_pdf" ] || fail "partial PDF after kill at ${delay}s"
  # A killed run may leave its temporary file; the next run must not trip on it.
done
# A stale temporary file with a pid that no longer runs, as a run killed
# between naming its file and renaming it would leave.
name=$(basename "$(ls "$WORK/kill/"*.epub)")
sh -c 'exit 0' & dead=$!; wait "$dead"
echo partial >"$WORK/kill/.$name.tmp-$dead-0"
"$BIN" build "$WORK/book" -o "$WORK/kill" -q || fail "build after kills"
# ... and removes what killed runs left: only the EPUB and the PDF remain.
left=$(ls -A "$WORK/kill" | grep -vxE '[^.].*\.(epub|pdf)' || true)
[ -z "$left" ] || fail "temporary files left in the output folder: $(echo $left)"
[ "$(ls -A "$WORK/kill" | wc -l)" -eq 2 ] || fail "the output folder holds $(ls -A "$WORK/kill" | tr '\n' ' ')"
pass "promises: no network, reads and writes where allowed, atomic under SIGKILL"
