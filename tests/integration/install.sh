#!/usr/bin/env bash
# cmake --install into a prefix, moved elsewhere, still builds a book from
# its own share/autochitect (not from the source tree).
source "$(dirname "$0")/lib.sh"
build_dir=$(dirname "$BIN")
book=$2
cmake --install "$build_dir" --prefix "$WORK/prefix" >/dev/null || fail "install"
mv "$WORK/prefix" "$WORK/moved"
[ -f "$WORK/moved/share/man/man1/autochitect.1" ] || fail "no man page"
(cd "$WORK" && strace -f -e trace=openat -o "$WORK/trace" "$WORK/moved/bin/autochitect" build "$book" -o out -q) \
  || fail "the moved binary failed"
grep -q "$WORK/moved/bin/../share/autochitect/fonts/" "$WORK/trace" || fail "fonts not read from the install"
grep -q "$WORK/moved/bin/../share/autochitect/hyphen/hyph_en_US.dic" "$WORK/trace" \
  || fail "hyphenation patterns not read from the install"
ls "$WORK/out"/*.epub "$WORK/out"/*.pdf >/dev/null || fail "no output"
# The new book's template is installed too.
"$WORK/moved/bin/autochitect" new "$WORK/scaffold" -q || fail "new from the moved binary"
[ -f "$WORK/scaffold/book.yml" ] || fail "new wrote no book.yml"
pass "relocatable install"
