# NUL and C0 control bytes (not allowed in XML), each on a known line.
a=$1/articles
w() { printf -- "$2" >"$a/$1"; }
hdr='---\ntitle: T\ndate: 2026-01-01\n---\n'
w nul-body.md   "$hdr"'line 5\nNUL \0 at line 6\n'
w nul-first.md  '\0---\ntitle: T\ndate: 2026-01-01\n---\nbody\n'
w esc-title.md  '---\ntitle: T\x1b[31m red\ndate: 2026-01-01\n---\nbody\n'
w formfeed.md   "$hdr"'line 5\nline 6\npage\x0cbreak at line 7\n'
w vtab.md       "$hdr"'\x0b at line 5\n'
w bell-code.md  "$hdr"'```\ncode \x07 at line 6\n```\n'
w backspace.md  "$hdr"'line 5\n<span title="\x08">raw html at line 6</span>\n'
w nul-yaml.md   '---\ntitle: T\ndate: 2026-01-01\nsummary: "a\0b"\n---\nbody\n'
printf 'title: Adversarial nul-control\nsubtitle: NUL \0 here\n' >"$1/book.yml"
