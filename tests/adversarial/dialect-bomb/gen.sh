# Other tools' dialects in bulk: 500 <Listing> tags never closed (more would
# nest the raw HTML past what is read, an error of its own: deep-raw-html),
# then 5,000 closed ones around code (each its own listing, not the end of
# one of the open ones: tags are paired in one pass), 5,000 alerts and as
# many quotes that only look like one, and a caption of 100,000 "<?" (cmark
# would take quadratic time over it: set as text). Every text stays; the
# unclosed tags are unwrapped with a warning.
python3 - "$1/articles/dialects.md" <<'PY'
import sys
n = 5000
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Dialects\ndate: 2026-01-01\n---\n\n")
    for i in range(500):
        f.write('<Listing number="u%d" caption="`x<T>` open">\n\nOPENTEXT%d\n\n' % (i, i))
    f.write("AFTEROPEN\n\n")
    for i in range(n):
        f.write('<Listing number="%d" file-name="f.rs" caption="*c*">\n\n```\nCODE%d\n```\n\n</Listing>\n\n' % (i, i))
    for i in range(n):
        f.write("> [!NOTE]\n> ALERT%d\n\n> [!NOTE] QUOTE%d\n\n" % (i, i))
    f.write('<Listing number="q" caption="%sCAPTIONEND">\n\n    QCODE\n\n</Listing>\n\n' % ("&lt;? " * 100000))
    f.write("After the dialects: ENDMARK-DIALECTS\n")
PY
