# UTF-8 that decodes to characters XML 1.0 does not allow: U+FFFE, U+FFFF.
a=$1/articles
w() { printf -- "$2" >"$a/$1"; }
hdr='---\ntitle: T\ndate: 2026-01-01\n---\n'
w fffe.md        "$hdr"'line 5\n\xEF\xBF\xBE at line 6\n'
w ffff.md        "$hdr"'line 5\nline 6\n\xEF\xBF\xBF at line 7\n'
w fffe-title.md  '---\ntitle: a\xEF\xBF\xBEb\ndate: 2026-01-01\n---\nbody\n'
