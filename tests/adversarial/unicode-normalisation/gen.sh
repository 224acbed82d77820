# café in NFC (U+00E9) and NFD (e + U+0301): one name to a reader, two to Linux.
a=$1/articles
nfc=$(printf 'caf\xc3\xa9')
nfd=$(printf 'cafe\xcc\x81')
printf -- '---\ntitle: Composed\ndate: 2026-01-01\n---\nNFC\n' >"$a/$nfc.md"
printf -- '---\ntitle: Decomposed\ndate: 2026-01-02\n---\nNFD\n' >"$a/$nfd.md"
