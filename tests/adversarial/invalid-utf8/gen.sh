# Malformed UTF-8, each on a known line (kept out of the repository's text files).
a=$1/articles
w() { printf -- "$2" >"$a/$1"; }
hdr='---\ntitle: T\ndate: 2026-01-01\n---\n'
w overlong.md      "$hdr"'line 5\nline 6 \xC0\xAF here\n'
w overlong3.md     "$hdr"'line 5\n\xE0\x80\xAF at line 6\n'
w overlong4.md     "$hdr"'\xF0\x80\x80\xAF at line 5\n'
w lone-cont.md     "$hdr"'line 5\nline 6\n\x80 at line 7\n'
w surrogate.md     "$hdr"'\xED\xA0\x80 at line 5\n'
w too-big.md       "$hdr"'line 5\n\xF4\x90\x80\x80 at line 6\n'
w f5.md            "$hdr"'line 5\nline 6\nline 7\n\xF5\x80\x80\x80 at line 8\n'
w ff-byte.md       "$hdr"'\xFF\xFE at line 5\n'
w cut-at-end.md    "$hdr"'line 5\nends inside a sequence \xE2\x82'
w cut-at-eol.md    "$hdr"'cut \xE2\x82\nline 6\n'
w latin1-title.md  '---\ntitle: caf\xE9\ndate: 2026-01-01\n---\nbody\n'
printf 'title: Adversarial invalid-utf8\nsubtitle: bad \xC3\x28 byte\n' >"$1/book.yml"
