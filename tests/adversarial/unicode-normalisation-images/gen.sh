# Two image files named café, in NFC and in NFD.
nfc=$(printf 'caf\xc3\xa9')
nfd=$(printf 'cafe\xcc\x81')
svg='<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
echo "$svg" >"$1/images/$nfc.svg"
echo "$svg" >"$1/images/$nfd.svg"
printf -- '---\ntitle: Figures\ndate: 2026-01-03\n---\n![composed](../images/%s.svg)\n\n![decomposed](../images/%s.svg)\n' "$nfc" "$nfd" >"$1/articles/figures.md"
