# café in NFC (U+00E9) and NFD (e + U+0301): one name to a reader, two to Linux.
a=$1/articles
nfc=$(printf 'caf\xc3\xa9')
nfd=$(printf 'cafe\xcc\x81')
printf -- '---\ntitle: Composed\ndate: 2026-01-01\n---\nNFC\n' >"$a/$nfc.md"
printf -- '---\ntitle: Decomposed\ndate: 2026-01-02\n---\nNFD\n' >"$a/$nfd.md"
svg='<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
echo "$svg" >"$1/images/$nfc.svg"
echo "$svg" >"$1/images/$nfd.svg"
printf -- '---\ntitle: Figures\ndate: 2026-01-03\n---\n![composed](../images/%s.svg)\n\n![decomposed](../images/%s.svg)\n' "$nfc" "$nfd" >"$a/figures.md"
