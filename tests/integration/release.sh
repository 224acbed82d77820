#!/usr/bin/env bash
# release: NAME-V.epub, NAME-V.pdf and SHA256SUMS that sha256sum -c accepts,
# identical under another time zone, locale, umask, folder and article
# creation order; bad versions and re-releases refused; the version inside.
source "$(dirname "$0")/lib.sh"
src=$2
mkdir -p "$WORK/a" "$WORK/b/x/y/book/articles"
cp -r "$src" "$WORK/a/book"
cp "$src/book.yml" "$WORK/b/x/y/book/"
[ -d "$src/images" ] && cp -r "$src/images" "$WORK/b/x/y/book/"
for f in $(ls -r "$src/articles"); do cp "$src/articles/$f" "$WORK/b/x/y/book/articles/"; done
(cd "$WORK/a" && TZ=UTC LC_ALL=C "$BIN" release book --version 1.2.0 -o rel -q)
(cd "$WORK/b/x/y" && umask 027 && TZ=America/Los_Angeles LC_ALL=C.UTF-8 \
  "$BIN" release book --version 1.2.0 -o ../../rel -q)
cmp "$WORK/a/rel/SHA256SUMS" "$WORK/b/rel/SHA256SUMS" || fail "SHA256SUMS differ"
(cd "$WORK/a/rel" && sha256sum -c SHA256SUMS) || fail "sha256sum -c"
[ "$(wc -l <"$WORK/a/rel/SHA256SUMS")" -eq 2 ] || fail "SHA256SUMS should list two artifacts"
ls "$WORK/a/rel"/*-1.2.0.epub "$WORK/a/rel"/*-1.2.0.pdf >/dev/null || fail "artifact names"
# The version is inside both books.
epub=$(ls "$WORK/a/rel"/*.epub)
unzip -p "$epub" EPUB/package.opf | grep -q '<meta property="dcterms:hasVersion">1.2.0</meta>' \
  || fail "no version in the EPUB metadata"
pdftotext "$(ls "$WORK/a/rel"/*.pdf)" - | grep -q "Version 1.2.0" || fail "no version on the title page"
# Re-release refused without --force, accepted with it; the files unchanged.
before=$(cat "$WORK/a/rel/SHA256SUMS")
status=0; (cd "$WORK/a" && "$BIN" release book --version 1.2.0 -o rel -q 2>"$WORK/err") || status=$?
[ "$status" -eq 2 ] || fail "re-release exited $status"
grep -q -- "--force" "$WORK/err" || fail "no hint about --force"
(cd "$WORK/a" && "$BIN" release book --version 1.2.0 -o rel -q --force) || fail "--force"
[ "$(cat "$WORK/a/rel/SHA256SUMS")" = "$before" ] || fail "a forced rebuild changed the bytes"
for bad in banana 1 1.2.3.4 v1.0 "1.0 beta" "1.0-" ""; do
  status=0; "$BIN" release "$WORK/a/book" --version "$bad" -o "$WORK/c" -q 2>/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "version '$bad' exited $status"
done
[ ! -e "$WORK/c" ] || fail "a refused release wrote output"
status=0; SOURCE_DATE_EPOCH=12x "$BIN" release "$WORK/a/book" --version 1.0 -o "$WORK/c" 2>/dev/null || status=$?
[ "$status" -eq 2 ] || fail "malformed SOURCE_DATE_EPOCH exited $status"
pass "release"
